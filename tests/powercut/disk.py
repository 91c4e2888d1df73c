"""A disk that loses what a real disk loses when the power goes: a FUSE file system over a backing folder.

Everything written through the mount is kept in this process's memory, and
only what a program made durable counts at a cut, exactly as POSIX promises
and no more:

- a file's content (and size) is durable once the file is fsynced
  (``fsync``/``fdatasync``); until then, what it held at its last fsync;
- a directory's entries (a create, a rename, an unlink, a mkdir in it) are
  durable once the directory itself is fsynced (``fsyncdir``: ``os.fsync``
  on the directory's descriptor); until then, its entries as of that fsync.

At a cut the backing folder is made exactly what the durable state says,
and the served process stops answering (every call fails with EIO) until it is
unmounted. The next mount starts from the backing folder: what survived.
A file fsynced but never given a durable name is lost, as on a disk; a name
made durable for a file never fsynced holds an empty file.

The server runs in its own process (``python -m tests.powercut.disk BACKING
MOUNTPOINT``), single-threaded, with a control line on standard input: ``cut``
answers ``cut FILES ENTRIES`` (how many files and directories lost something)
once the backing folder holds the survivors. ``PowerCutDisk`` drives it from
the test: mount, cut, unmount (``fusermount3 -u``).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

READY = "mounted"
MOUNT_TIMEOUT_S = 20.0


def unavailable() -> str | None:
    """Why no FUSE file system can be mounted here, or None when it can be tried."""
    if not sys.platform.startswith("linux"):
        return "FUSE power-cut disk: Linux only"
    if not Path("/dev/fuse").exists():
        return "no /dev/fuse on this machine (a container without the FUSE device)"
    if shutil.which("fusermount3") is None:
        return "fusermount3 is missing (Debian package fuse3; dev.py test installs it as root)"
    try:
        import mfusepy  # noqa: F401
    except (ImportError, OSError) as error:  # OSError: libfuse itself is missing
        return f"mfusepy cannot load libfuse ({error})"
    return None


class PowerCutDisk:
    """The power-cut file system over ``backing``, mounted at ``mountpoint`` by a server process of its own."""

    def __init__(self, backing: Path, mountpoint: Path) -> None:
        self.backing = backing
        self.mountpoint = mountpoint
        self.log = backing.with_name(backing.name + ".disk.log")
        self._server: subprocess.Popen[str] | None = None

    def mount(self) -> PowerCutDisk:
        self.backing.mkdir(parents=True, exist_ok=True)
        self.mountpoint.mkdir(parents=True, exist_ok=True)
        root = Path(__file__).resolve().parents[2]
        with open(self.log, "a", encoding="utf-8") as log:  # the server's own complaints, read when it fails
            self._server = subprocess.Popen(
                [sys.executable, "-m", "tests.powercut.disk", str(self.backing), str(self.mountpoint)],
                cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
                env={**os.environ, "PYTHONPATH": str(root)},
            )
        assert self._server.stdout is not None
        line = self._server.stdout.readline().strip()  # the server says so from inside FUSE's init
        if line != READY:
            self._server.kill()
            self._server.communicate(timeout=MOUNT_TIMEOUT_S)
            self._server = None
            complaint = self.log.read_text(encoding="utf-8").strip().splitlines()[-1:] or [line]
            raise OSError(f"the power-cut disk did not mount at {self.mountpoint}: {complaint[0]}")
        return self

    def cut(self) -> tuple[int, int]:
        """The power goes: the backing folder keeps only what was made durable; then the disk is unmounted.

        Returns how many files and how many directories lost something not synced."""
        server = self._server
        assert server is not None and server.stdin is not None and server.stdout is not None
        server.stdin.write("cut\n")
        server.stdin.flush()
        answer = server.stdout.readline().split()
        if not answer or answer[0] != "cut":
            raise OSError(f"the power-cut disk did not cut ({answer}); see {self.log}")
        self.unmount()
        return int(answer[1]), int(answer[2])

    def unmount(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        for attempt in range(100):  # a process that just died may still hold the mount for a moment
            done = subprocess.run(["fusermount3", "-u", str(self.mountpoint)], capture_output=True, check=False)
            if done.returncode == 0 or not os.path.ismount(self.mountpoint):
                break
            time.sleep(0.05 if attempt < 99 else 0)
        else:
            subprocess.run(["fusermount3", "-u", "-z", str(self.mountpoint)], capture_output=True, check=False)
        try:
            server.communicate(input="", timeout=MOUNT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()

    def __enter__(self) -> PowerCutDisk:
        return self.mount()

    def __exit__(self, *_exc: object) -> None:
        if self._server is not None:
            self.cut()


# -- the server ------------------------------------------------------------------------------------------------------


class Node:
    """A file or a directory: what programs see now, and what a cut would leave."""

    def __init__(self, mode: int, content: bytes = b"") -> None:
        self.mode = mode
        self.data = bytearray(content)  # files: what is read now
        self.synced = bytes(content)  # files: what survives a cut
        self.entries: dict[str, Node] = {}  # directories: the names now
        self.synced_entries: dict[str, Node] = {}  # directories: the names that survive a cut
        self.times = time.time_ns()

    @property
    def is_dir(self) -> bool:
        return stat.S_ISDIR(self.mode)


Method = TypeVar("Method", bound=Callable[..., Any])


def _fuse_error(code: int) -> OSError:
    from mfusepy import FuseOSError

    error: OSError = FuseOSError(code)
    return error


def _serialised(method: Method) -> Method:
    """One call at a time (FUSE thread and the control thread); nothing at all once the power is cut."""

    def call(self: PowerCutFileSystem, *args: Any) -> Any:
        with self.serial:
            if self.is_cut:
                raise _fuse_error(errno.EIO)
            return method(self, *args)

    call.__name__ = method.__name__
    return call  # type: ignore[return-value]


class PowerCutFileSystem:
    """mfusepy operations over an in-memory tree loaded from the backing folder (see the module's text)."""

    use_ns = True

    def __init__(self, backing: Path) -> None:
        self.backing = backing
        self.serial = threading.Lock()
        self.is_cut = False
        self.root = self._load(backing)
        self.handles: dict[int, Node] = {}
        self.next_handle = 1

    def _load(self, path: Path) -> Node:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            node = Node(info.st_mode)
            for child in sorted(path.iterdir()):
                node.entries[child.name] = self._load(child)
            node.synced_entries = dict(node.entries)
            return node
        return Node(info.st_mode, path.read_bytes())

    # -- the cut ----------------------------------------------------------------

    def cut(self) -> tuple[int, int]:
        with self.serial:
            self.is_cut = True
            lost = [0, 0]
            fresh = self.backing.with_name(self.backing.name + ".cutting")
            shutil.rmtree(fresh, ignore_errors=True)
            fresh.mkdir()
            self._write(self.root, fresh, lost)
            shutil.rmtree(self.backing)
            fresh.rename(self.backing)
            return lost[0], lost[1]

    def _write(self, directory: Node, folder: Path, lost: list[int]) -> None:
        if directory.entries != directory.synced_entries:
            lost[1] += 1
        for name, node in directory.synced_entries.items():
            path = folder / name
            if node.is_dir:
                path.mkdir()
                self._write(node, path, lost)
            else:
                if bytes(node.data) != node.synced:
                    lost[0] += 1
                path.write_bytes(node.synced)
            os.chmod(path, stat.S_IMODE(node.mode))

    # -- paths and handles ----------------------------------------------------

    def _node(self, path: str, fh: int | None = None) -> Node:
        if fh:
            return self.handles[fh]
        node = self.root
        for part in path.strip("/").split("/"):
            if not part:
                continue
            if not node.is_dir or part not in node.entries:
                raise _fuse_error(errno.ENOENT)
            node = node.entries[part]
        return node

    def _parent(self, path: str) -> tuple[Node, str]:
        head, _, name = path.rstrip("/").rpartition("/")
        parent = self._node(head or "/")
        if not parent.is_dir:
            raise _fuse_error(errno.ENOTDIR)
        return parent, name

    def _handle(self, node: Node) -> int:
        handle, self.next_handle = self.next_handle, self.next_handle + 1
        self.handles[handle] = node
        return handle

    # -- FUSE operations ------------------------------------------------------

    def init(self, _path: str) -> None:
        print(READY, flush=True)

    @_serialised
    def getattr(self, path: str, fh: int | None = None) -> dict[str, int]:
        node = self._node(path, fh)
        size = 4096 if node.is_dir else len(node.data)
        links = 2 + sum(child.is_dir for child in node.entries.values()) if node.is_dir else 1
        return {
            "st_mode": node.mode, "st_nlink": links, "st_size": size, "st_uid": os.getuid(), "st_gid": os.getgid(),
            "st_atime": node.times, "st_mtime": node.times, "st_ctime": node.times, "st_blocks": (size + 511) // 512,
        }

    @_serialised
    def readdir(self, path: str, _fh: int) -> list[str]:
        return [".", "..", *self._node(path).entries]

    @_serialised
    def mkdir(self, path: str, mode: int) -> int:
        parent, name = self._parent(path)
        if name in parent.entries:
            raise _fuse_error(errno.EEXIST)
        parent.entries[name] = Node(stat.S_IFDIR | (mode & 0o7777))
        return 0

    @_serialised
    def rmdir(self, path: str) -> int:
        parent, name = self._parent(path)
        node = self._node(path)
        if node.entries:
            raise _fuse_error(errno.ENOTEMPTY)
        del parent.entries[name]
        return 0

    @_serialised
    def create(self, path: str, mode: int, _flags: int = 0) -> int:
        parent, name = self._parent(path)
        node = parent.entries.get(name)
        if node is None:
            node = parent.entries[name] = Node(stat.S_IFREG | (mode & 0o7777))
        return self._handle(node)

    @_serialised
    def open(self, path: str, flags: int) -> int:
        node = self._node(path)
        if flags & os.O_TRUNC:
            del node.data[:]
        return self._handle(node)

    def release(self, _path: str, fh: int) -> int:
        with self.serial:  # after a cut too: the dead program's descriptors close as the disk goes
            self.handles.pop(fh, None)
        return 0

    @_serialised
    def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
        return bytes(self._node(path, fh).data[offset : offset + size])

    @_serialised
    def write(self, path: str, data: bytes, offset: int, fh: int) -> int:
        node = self._node(path, fh)
        if offset > len(node.data):
            node.data.extend(bytes(offset - len(node.data)))
        node.data[offset : offset + len(data)] = data
        node.times = time.time_ns()
        return len(data)

    @_serialised
    def truncate(self, path: str, length: int, fh: int | None = None) -> int:
        node = self._node(path, fh)
        if length < len(node.data):
            del node.data[length:]
        else:
            node.data.extend(bytes(length - len(node.data)))
        node.times = time.time_ns()
        return 0

    @_serialised
    def fsync(self, path: str, _datasync: int, fh: int) -> int:
        node = self._node(path, fh)
        node.synced = bytes(node.data)
        return 0

    @_serialised
    def fsyncdir(self, path: str, _datasync: int, _fh: int) -> int:
        node = self._node(path)
        node.synced_entries = dict(node.entries)
        return 0

    @_serialised
    def unlink(self, path: str) -> int:
        parent, name = self._parent(path)
        if name not in parent.entries:
            raise _fuse_error(errno.ENOENT)
        if parent.entries[name].is_dir:
            raise _fuse_error(errno.EISDIR)
        del parent.entries[name]
        return 0

    @_serialised
    def rename(self, old: str, new: str) -> int:
        old_parent, old_name = self._parent(old)
        new_parent, new_name = self._parent(new)
        node = old_parent.entries.get(old_name)
        if node is None:
            raise _fuse_error(errno.ENOENT)
        target = new_parent.entries.get(new_name)
        if target is not None and target.is_dir and target.entries:
            raise _fuse_error(errno.ENOTEMPTY)
        del old_parent.entries[old_name]
        new_parent.entries[new_name] = node
        return 0

    @_serialised
    def chmod(self, path: str, mode: int) -> int:
        node = self._node(path)
        node.mode = stat.S_IFMT(node.mode) | (mode & 0o7777)
        return 0

    @_serialised
    def chown(self, _path: str, _uid: int, _gid: int) -> int:
        return 0  # one owner: SQLite run as root hands its new WAL to the database's owner

    @_serialised
    def utimens(self, path: str, times: tuple[int, int] | None = None) -> int:
        self._node(path).times = times[1] if times else time.time_ns()
        return 0

    def flush(self, _path: str, _fh: int) -> int:
        return 0  # close() is not a sync

    def access(self, _path: str, _mode: int) -> int:
        return 0

    def statfs(self, _path: str) -> dict[str, int]:
        return {"f_bsize": 4096, "f_frsize": 4096, "f_blocks": 1 << 22, "f_bfree": 1 << 21, "f_bavail": 1 << 21,
                "f_files": 1 << 20, "f_ffree": 1 << 19, "f_namemax": 255}


def serve(backing: Path, mountpoint: Path) -> None:
    from mfusepy import FUSE

    filesystem = PowerCutFileSystem(backing)

    def control() -> None:
        for line in sys.stdin:
            if line.strip() == "cut":
                files, entries = filesystem.cut()
                print(f"cut {files} {entries}", flush=True)
        if not filesystem.is_cut:  # the test went away without a cut: the power goes now, and the disk with it
            filesystem.cut()
            subprocess.run(["fusermount3", "-u", "-z", str(mountpoint)], capture_output=True, check=False)

    threading.Thread(target=control, daemon=True).start()
    FUSE(filesystem, str(mountpoint), foreground=True, nothreads=True, fsname="powercut")


if __name__ == "__main__":
    serve(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
