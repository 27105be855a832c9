"""The floor of the scale benchmark: a plain Material build (search on) of bare pages of the
same exercises, each page its name, summary, set-up and steps as plain Markdown, reached from
one index page. Every other measure is printed as a multiple of its time."""

from __future__ import annotations

from pathlib import Path

import yaml


def write_floor(content: Path, docs: Path) -> Path:
    """Bare pages of the same exercises and a mkdocs.yml that builds them with Material."""
    (docs / "exercises").mkdir(parents=True)
    (docs / "index.md").write_text("# Library\n\n[All exercises](exercises/index.md)\n", encoding="utf-8")
    index = ["# Exercises", ""]
    for file in sorted((content / "exercises").glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        lines = [f"# {data['name']}", "", data["summary"], "", "## Set-up", ""]
        lines += [f"- {s}" for s in data["setup"]] + ["", "## Steps", ""]
        lines += [f"{i}. {s}" for i, s in enumerate(data["steps"], 1)]
        (docs / "exercises" / f"{file.stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        index.append(f"- [{data['name']}]({file.stem}.md)")
    (docs / "exercises" / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    config = docs.parent / "floor-mkdocs.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "site_name": "Floor",
                "site_url": "https://runstrong.example/",
                "docs_dir": str(docs),
                "theme": {"name": "material", "font": False},
                "plugins": ["search"],
                "nav": [{"Home": "index.md"}, {"Exercises": "exercises/index.md"}],
            }
        ),
        encoding="utf-8",
    )
    return config
