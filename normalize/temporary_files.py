"""The temporary files that ``normalize.files.atomic_write`` leaves when its process is killed.

``atomic_write`` writes beside the file, then renames; a process killed in between (kill -9,
power loss) cannot remove its temporary file. Its name says whose it is: a dot, the target's
name, a random part, then ``.normalize-`` and the writer's process id. A later process, on its
first write into that folder, removes such files whose writer no longer runs, and nothing else.
Once per folder, not per write: a batch rewriting every file of a folder of 10,000 would
otherwise list the folder 10,000 times.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> for name in (".a.txt.k3j_x9.normalize-999999999.tmp", f".a.txt.k3j_x9.normalize-{os.getpid()}.tmp", ".a.txt.mine.tmp"):
...     open(os.path.join(folder, name), "w").close()
>>> remove_stale_temporary_files(Path(folder))
>>> sorted(os.listdir(folder)) == sorted([f".a.txt.k3j_x9.normalize-{os.getpid()}.tmp", ".a.txt.mine.tmp"])
True
"""

from __future__ import annotations

import os
import re
from pathlib import Path

TEMPORARY_MARK = ".normalize-"  # then the writer's process id: '.a.txt.k3j_x9.normalize-4242.tmp'
OURS = re.compile(rf"\..+\.[a-z0-9_]+{re.escape(TEMPORARY_MARK)}([0-9]+)\.tmp")
_swept: set[Path] = set()  # the folders this process has already cleared


def remove_stale_temporary_files(folder: Path) -> None:
    """Remove, once per process, the temporary files that writers killed before their rename left in ``folder``.

    Only files named exactly as ``atomic_write`` names them, regular files of this user, whose
    writer's process no longer runs (a live one may still be writing): never a file of the
    user's. POSIX only (elsewhere a process cannot be probed safely). A file that cannot be
    removed stays: the write itself has succeeded.
    """
    if os.name != "posix" or folder in _swept:
        return
    _swept.add(folder)
    try:
        with os.scandir(folder) as entries:
            stale = [
                entry.path
                for entry in entries
                if (match := OURS.fullmatch(entry.name))
                and not _process_runs(int(match[1]))
                and entry.is_file(follow_symlinks=False)
                and entry.stat(follow_symlinks=False).st_uid == os.geteuid()
            ]
    except OSError:
        return
    for temporary in stale:
        try:
            os.unlink(temporary)
        except OSError:
            pass


def _process_runs(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: no signal, only whether the process exists
    except (ProcessLookupError, OverflowError):  # none (or a number no process can have)
        return False
    except PermissionError:  # another user's
        return True
    return True
