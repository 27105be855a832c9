"""A content-addressed file cache shared by the expensive renderers (pictures, PDFs).

Keys are hashes of everything that goes into an output (inputs, renderer version, fonts), so
an entry can never be stale: a build where nothing changed renders nothing, and any change
to an input simply misses and renders anew.

An output a site publishes (a picture, a PDF) is two files, so it can leave the cache without
passing through memory:

- ``blobs/<sha256>``: an output's bytes exactly as published, named by their sha256.
  A site can hardlink or copy the file as it is, and two keys with equal bytes (two
  exercises with the same muscles) share one blob.
- ``keys/<key>``: a few lines of JSON naming the blob, its size and any facts the
  renderer found while drawing (a strip's frame width, where its figure starts), which pages
  need and which would otherwise cost decoding the picture again.

Everything else (parsed and checked content files, pages, plan findings: ``linkable=False``) is
read only by the build, so each entry is one file, ``keys/<key>``: a line naming the bytes' sha256,
then the bytes; the checked files and the pages are one such entry each (``bundle.py``). As two
files each, in folders fanned out by the first two hex digits, a cold build of a 900-exercise
library made ~5,400 files and ~1,000 folders more, and creating them cost more than writing
them: each new file or folder is a search for a free inode, and on ext4 without a journal one
past every inode freed in the last minute (~0.2-0.7 ms of CPU after a build's deletions; perf:
``recently_deleted``). One folder holds a library's entries well: ext4, APFS and NTFS index
large folders.

A blob is checked against its name (a streaming sha256) before it is handed out: a damaged
entry (a full disk, a crash of another program, a hand edit, an edit through a hardlink in a
published site) is removed and rendered again, never published. Every file is written to a
temporary name and renamed, so a blob is never changed in place once written.

A checksum says an entry is intact, not that it is ours: anyone who can write the folder can
write a matching one. So a cache folder is used only when it is the user's and no one else
can write it or any folder above it (``trust_problem``), and every file is read only when it
is a regular file owned by the user and writable by no one else, checked on the open file
(``read_own``): a FIFO, a device or a symbolic link is a miss, never a hang or a leak.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import secrets
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

_REF_FORMAT = "runstrong-cache-2"
_WHOLE_FORMAT = b"runstrong-cache-whole-1 "  # then the sha256 in hex, a newline and the bytes
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 16

CACHE_ENV = "RUNSTRONG_CACHE"  # where rendered pictures are kept between builds


def render_cache_dir(chosen: Path | None = None) -> Path:
    """The render cache's folder: ``chosen`` (the ``--cache-dir`` option), else ``$RUNSTRONG_CACHE``,
    else the user's cache folder (``~/.cache/runstrong`` on Linux).

    Pictures and PDFs are cached by content hash, so a no-change build renders none; in the user's
    cache folder, a coach running ``runstrong`` from their own folder finds no ``.cache/`` left in it.
    The command line resolves it once and hands the folder down as an argument.
    """
    if chosen is not None:
        return chosen
    from platformdirs import user_cache_dir

    return Path(os.environ.get(CACHE_ENV) or user_cache_dir("runstrong", appauthor=False))


def cache_problem(chosen: Path | None = None) -> str | None:
    """Why the render cache must not be used ('RUNSTRONG_CACHE /x: is writable by other users'),
    or None. The command line refuses such a cache before any work (exit status 2)."""
    from .errors import display_path

    folder = render_cache_dir(chosen)
    problem = trust_problem(folder)
    if problem is None:
        return None
    if chosen is not None:
        where = "--cache-dir"
    else:
        where = f"${CACHE_ENV}" if os.environ.get(CACHE_ENV) else "the render cache"
    advice = "refusing to use it (choose a folder of your own with --cache-dir)"
    return f"{where} {display_path(folder)}: {problem}; {advice}"


def trusted_cache_dir(chosen: Path | None = None) -> Path | None:
    """The render cache when it is the user's alone; None (no caching) otherwise: a cache
    another user can write could hand the build their bytes (a plain ``mkdocs build`` comes
    here without the command line's check)."""
    return None if cache_problem(chosen) is not None else render_cache_dir(chosen)


def library_versions(*packages: str) -> dict[str, str | None]:
    """The installed versions of the libraries that shape a cached output, for its key.

    Each renderer names its own (pictures: Pillow; PDFs: fpdf2, fontTools, segno, Pillow):
    an upgrade may change the bytes they write (an encoder, a subsetter, a QR mask), so it
    must miss the cache rather than serve what the old version drew. None: not installed.
    """
    return {name: _installed_version(name) for name in packages}


@functools.cache
def _installed_version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def key_of(payload: object) -> str:
    """sha256 of a JSON-ready payload, stable across runs and machines."""
    return hashlib.sha256(key_json(payload).encode("utf-8")).hexdigest()


def key_json(payload: object) -> str:
    """The JSON ``key_of`` hashes."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def key_with(name: str, value_json: str, payload: dict[str, object]) -> str:
    """``key_of(payload | {name: value})`` given the value's ``key_json``: the same key, and a
    large value shared by many keys (a program's printed view, by the PDFs of five paper
    sizes) is made into JSON once, not once a key."""
    if name in payload:
        raise ValueError(f"{name!r} is given twice")
    # A placeholder no other value of the payload holds (checked), replaced by the value.
    placeholder = json.dumps(secrets.token_hex(16))
    text = key_json({**payload, name: json.loads(placeholder)})
    if text.count(placeholder) != 1:
        raise ValueError("the placeholder is not unique")
    return hashlib.sha256(text.replace(placeholder, value_json).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """A verified cache entry: its bytes are the file at ``path`` (never rewritten in place)."""

    path: Path
    size: int
    digest: str  # sha256 of the bytes, hex: the blob's name
    facts: dict[str, Any] = field(default_factory=dict)

    def read(self) -> bytes:
        return self.path.read_bytes()


def file_digest(path: Path) -> str:
    """sha256 of a file, read in chunks (a cache holds thousands of pictures; none is loaded whole)."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _others_can_write(info: os.stat_result) -> bool:
    """Writable by anyone but the user: by all, or by a group that is not the user's own."""
    if info.st_mode & stat.S_IWOTH:
        return True
    return bool(info.st_mode & stat.S_IWGRP) and not _private_group(info.st_gid)


def _private_group(gid: int) -> bool:
    """The user's own group (Debian's user private groups: a umask of 002 is then safe)."""
    try:
        import grp
        import pwd

        user = pwd.getpwuid(os.geteuid())
        group = grp.getgrgid(gid)
    except (ImportError, KeyError):
        return False
    return gid == user.pw_gid and group.gr_name == user.pw_name and not group.gr_mem


def trust_problem(folder: Path) -> str | None:
    """Why the cache folder ``folder`` must not be used, in words; None when it is safe.

    It (or, while it does not exist, the folder it would be made in) must belong to the user
    and be writable by no one else, and every folder above it must belong to the user or to
    root and be writable by no one else unless it is sticky (/tmp: others cannot rename or
    remove what is the user's in it).
    """
    if not hasattr(os, "geteuid"):
        return None  # not a POSIX system: no owners to compare
    uid = os.geteuid()
    path = Path(os.path.abspath(folder))
    own = path
    while True:
        try:
            info = os.lstat(own)
            break
        except FileNotFoundError:
            if own.parent == own:
                return None
            own = own.parent
        except OSError as exc:
            return f"cannot be checked ({exc.strerror or exc})"
    if stat.S_ISLNK(info.st_mode):
        info = os.stat(own)
    if own == path and not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    owners = (uid,) if own == path else (uid, 0)  # a folder yet to be made may be made in /tmp
    if info.st_uid not in owners:
        return f"{_where(own, path)}belongs to another user (uid {info.st_uid}); it could hold their code"
    if _others_can_write(info) and not (own != path and info.st_mode & stat.S_ISVTX):
        return f"{_where(own, path)}is writable by other users (mode {stat.S_IMODE(info.st_mode):o})"
    for above in own.parents:
        try:
            up = os.stat(above)
        except OSError:
            continue
        if up.st_uid not in (uid, 0):
            return f"lies in {above}, which belongs to another user (uid {up.st_uid})"
        if _others_can_write(up) and not up.st_mode & stat.S_ISVTX:
            return f"lies in {above}, which other users can write (mode {stat.S_IMODE(up.st_mode):o})"
    return None


def _where(own: Path, path: Path) -> str:
    return "" if own == path else f"(not made yet) would be made in {own}, which "


def read_own(path: Path) -> bytes | None:
    """A cache file's bytes if it is a regular file of the user's that no one else can write;
    None otherwise (missing, a link, a FIFO, a device, a folder, another user's).

    Checked on the open file, so nothing can be swapped in between the check and the read.
    """
    fd = _open_own(path)
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as f:
        return f.read()


def _open_own(path: Path) -> int | None:
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    info = os.fstat(fd)
    owner = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    if not stat.S_ISREG(info.st_mode) or info.st_uid != owner or _others_can_write(info):
        os.close(fd)
        return None
    return fd


def _own_digest(path: Path) -> str | None:
    fd = _open_own(path)
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def site_records(root: Path, site_dir: Path) -> Path:
    """Where the digests of a site's files (``lastbuild.write_stamp``'s records) are kept
    between builds: one file per site folder, replaced by each build (never inside the site,
    whose bytes must not change with file times). Read with ``read_own``; a record that does
    not belong to the site's stamp is ignored (``lastbuild.last_site``)."""
    name = hashlib.sha256(os.fsencode(site_dir.resolve())).hexdigest()
    return root / "sites" / name[:2] / name


def write_own(path: Path, data: bytes) -> None:
    """Write a cache file (write then rename; readable by all, writable by the user only)."""
    _write(path, data)


class Cache:
    """Entries under ``root/<namespace>/``; no root means no caching at all."""

    def __init__(self, root: Path | None, namespace: str, *, linkable: bool = True) -> None:
        """``linkable``: a site may hardlink the entries' bytes (``entry``): each is a blob and a
        record. False: each entry is one file, read only through ``get``."""
        self.folder = root / namespace if root is not None else None
        self.linkable = linkable
        # Each path made from one string: joined part by part, a one-edit build's ~2,900 look-ups
        # spent more in pathlib than in reading the files.
        self._keys, self._blobs = (f"{self.folder}{os.sep}{name}{os.sep}" for name in ("keys", "blobs"))

    def _ref(self, key: str) -> Path | None:
        return Path(f"{self._keys}{key}") if self.folder is not None else None

    def _blob(self, digest: str) -> Path:
        assert self.folder is not None
        return Path(f"{self._blobs}{digest}")

    def _record(self, key: str) -> tuple[Path, Path, str, int, dict[str, Any]] | None:
        """(ref, blob, digest, size, facts) as the key's record says, or None; a record that
        cannot be read is removed."""
        ref = self._ref(key)
        if ref is None:
            return None
        try:
            raw = read_own(ref)
            if raw is None:
                return None  # missing, or not the user's own regular file: a miss, never read
            record = json.loads(raw.decode("utf-8"))
            if record.get("format") != _REF_FORMAT:
                raise ValueError("another format")
            digest, size, facts = str(record["blob"]), int(record["size"]), dict(record.get("facts") or {})
            if not _SHA256.fullmatch(digest):
                raise ValueError("not a sha256")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
        except (OSError, UnicodeDecodeError, ValueError, AttributeError, KeyError, TypeError):
            ref.unlink(missing_ok=True)
            return None
        return ref, self._blob(digest), digest, size, facts

    def holds(self, key: str) -> bool:
        """Whether an entry for ``key`` is recorded (not checked: ``entry`` and ``get`` do that)."""
        ref = self._ref(key)
        return ref is not None and ref.is_file()

    def entry(self, key: str) -> Entry | None:
        """The entry for ``key``, its blob verified by a streaming hash, or None; a damaged
        entry is removed and missed.

        A cache folder outlives crashes, full disks and people: a truncated or altered entry
        must be rendered again, never published. An entry this process verified is verified
        again only when its record or blob is not the file it verified (``_VERIFIED``).
        """
        if not self.linkable:
            raise TypeError(f"{self.folder}: entries kept in one file have no blob to link (Cache.get)")
        if (known := _VERIFIED.recall(self._ref(key))) is not None:
            return Entry(known.path, known.size, known.digest, dict(known.facts))  # facts: the caller's
        found = self._record(key)
        if found is None:
            return None
        ref, blob, digest, size, facts = found
        ref_id, blob_id = _identity(ref), _identity(blob)  # before the read: a later write shows
        good = _own_digest(blob) == digest and blob.stat().st_size == size
        if not good:
            _drop(blob, ref)
            return None
        entry = Entry(blob, size, digest, facts)
        _VERIFIED.keep(ref, blob, ref_id, blob_id, entry)
        return entry

    def get(self, key: str) -> bytes | None:
        """The cached bytes (read once and checked as read), or None (see ``entry``); bytes this
        process read are read again only when the record or blob is not the file it read."""
        if (known := _READ.recall(self._ref(key))) is not None:
            return known
        if not self.linkable:
            return self._whole(key)
        found = self._record(key)
        if found is None:
            return None
        ref, blob, digest, _, _ = found
        ref_id, blob_id = _identity(ref), _identity(blob)  # before the read: a later write shows
        data = read_own(blob)
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            _drop(blob, ref)
            return None
        _READ.keep(ref, blob, ref_id, blob_id, data, size=len(data))
        return data

    def _whole(self, key: str) -> bytes | None:
        """A one-file entry's bytes, checked against the sha256 its first line names; a file
        that is not such an entry, or whose bytes do not match, is removed and missed."""
        ref = self._ref(key)
        if ref is None:
            return None
        ref_id = _identity(ref)  # before the read: a later write shows
        raw = read_own(ref)
        if raw is None:
            return None
        head, newline, data = raw.partition(b"\n")
        named = head.removeprefix(_WHOLE_FORMAT)
        if not (newline and named != head and hashlib.sha256(data).hexdigest().encode() == named):
            _drop(ref, ref)
            return None
        _READ.keep(ref, ref, ref_id, ref_id, data, size=len(data))
        return data

    def put(self, key: str, data: bytes, facts: dict[str, Any] | None = None) -> Entry | None:
        """Store ``data`` (and the renderer's ``facts``) for ``key``; the entry, or None uncached
        or kept in one file (which has no blob to hand out: ``get`` reads it)."""
        ref = self._ref(key)
        if ref is None:
            return None
        digest = hashlib.sha256(data).hexdigest()
        if not self.linkable:
            if facts:
                raise TypeError(f"{self.folder}: entries kept in one file keep no facts")
            _write(ref, b"".join((_WHOLE_FORMAT, digest.encode("ascii"), b"\n", data)))
            return None
        blob = self._blob(digest)
        # An existing blob of these bytes is reused only if it is intact.
        intact = _own_digest(blob) == digest
        if not intact:
            _write(blob, data)
        record = {"format": _REF_FORMAT, "blob": digest, "size": len(data), "facts": facts or {}}
        _write(ref, json.dumps(record, sort_keys=True, separators=(",", ":")).encode("utf-8"))
        return Entry(blob, len(data), digest, dict(facts or {}))


_Identity = tuple[int, int, int, int, int, int, int]
_SETTLED_NS = 2_000_000_000
_Made = TypeVar("_Made")


class _Kept(Generic[_Made]):
    """What this process made from cache entries (an entry verified, bytes read), by the
    record's path, each kept while its record and blob are the files it was made from.

    ``runstrong serve`` asks for the same ~2,000 pictures and PDFs and ~1,800 parsed files and
    pages at every rebuild; reading and hashing them all again cost ~0.5 s of each. A file
    written, replaced, linked or chmod'ed since has another inode or a newer ctime (which no one
    can set back), so it is read and hashed again; one changed within the clock tick of its
    reading could go unseen, so only files older than ``_SETTLED_NS`` are kept (a blob drawn a
    moment ago is read once more, then kept).
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit  # the bytes kept at most (None: no bound)
        self.size = 0  # the bytes kept since the last clearing
        self.made: dict[Path, tuple[_Made, Path, _Identity | None, _Identity | None]] = {}

    def recall(self, ref: Path | None) -> _Made | None:
        known = self.made.get(ref) if ref is not None else None
        if ref is None or known is None:
            return None
        made, blob, ref_id, blob_id = known
        if _identity(ref) == ref_id and _identity(blob) == blob_id:
            return made
        del self.made[ref]
        return None

    def keep(
        self,
        ref: Path,
        blob: Path,
        ref_id: _Identity | None,
        blob_id: _Identity | None,
        made: _Made,
        *,
        size: int = 0,
    ) -> None:
        """Keep ``made``; the identities are the files' as they were before they were read."""
        if not (_settled(ref_id) and _settled(blob_id)):
            return
        self.size += size
        if self.limit is not None and self.size > self.limit:  # a long session of many caches (the tests)
            self.made.clear()
            self.size = size
        self.made[ref] = (made, blob, ref_id, blob_id)


_VERIFIED: _Kept[Entry] = _Kept()  # ``Cache.entry``'s entries
# ``Cache.get``'s bytes (parsed content files, pages, plan findings); a 900-exercise guide reads ~10 MB.
_READ: _Kept[bytes] = _Kept(limit=64 * 1024 * 1024)


def _identity(path: Path) -> _Identity | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (
        info.st_dev,
        info.st_ino,
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
        info.st_mode,
        info.st_uid,
    )


def _settled(identity: _Identity | None) -> bool:
    return identity is not None and time.time_ns() - max(identity[3], identity[4]) > _SETTLED_NS


def _drop(blob: Path, ref: Path) -> None:
    """Remove a damaged entry: its blob (no other key may use it as it is) and its record.

    A folder where a file should be is removed too (renaming a new file over it would fail)."""
    for path in (blob, ref):
        try:
            path.unlink(missing_ok=True)
        except IsADirectoryError:
            import shutil

            shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def _write(path: Path, data: bytes) -> None:
    """Write then rename: a build killed mid-write never leaves a truncated file behind, and a
    file that may be hardlinked into a published site is replaced, never rewritten."""
    if path.is_dir() and not path.is_symlink():  # a folder where the file goes: never a rename onto it
        import shutil

        shutil.rmtree(path, ignore_errors=True)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except FileNotFoundError:  # the folder's first file (asking first cost a call every write)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        # Readable by all like any published file (mkstemp makes 600): a site may link to it.
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def checked_bytecode_cache(folder: Path) -> Any:
    """Jinja's file bytecode cache, each entry checked like the render cache's (cache.py): the
    sha256 of its bytes first, so a damaged entry is compiled again, never run."""
    import io

    from jinja2 import FileSystemBytecodeCache
    from jinja2.bccache import Bucket

    class Checked(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            # Only the user's own regular file (cache.read_own): bytecode is code that runs.
            raw = read_own(Path(self._get_cache_filename(bucket)))
            if raw is None:
                return
            if hashlib.sha256(raw[32:]).digest() == raw[:32]:
                bucket.load_bytecode(io.BytesIO(raw[32:]))

        def dump_bytecode(self, bucket: Bucket) -> None:
            out = io.BytesIO()
            bucket.write_bytecode(out)
            data = out.getvalue()
            # Through the one writer (a temporary file, then a rename); a cache that cannot be
            # written costs only the compile time.
            with contextlib.suppress(OSError):
                write_own(Path(self._get_cache_filename(bucket)), hashlib.sha256(data).digest() + data)

    return Checked(str(folder))
