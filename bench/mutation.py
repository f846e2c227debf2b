"""Mutation score: how many small semantic changes the default suite catches.

mutmut changes one thing at a time (a ``>=`` made ``>``, a constant moved, a branch
dropped) in the packages that decide what users read — grading, linking, the evidence
store, ingest, the results assembly and the extraction arbitration — and runs the tests
that reach the changed function. A mutant the tests do not fail on *survived*: a
regression the suite would let through, unless the change is *equivalent* (it cannot alter
behaviour). Equivalent mutants are judged by hand and listed, each with its reason, in
``bench/mutation_equivalent.yaml``; they are left out of the score.

The run works on a clean copy of the committed tree (under a temporary folder), so the
working tree is never touched. It is slow (tens of minutes per package on two cores) and
not part of the default test run. mutmut is not a project dependency:
``pip install mutmut==3.8.1`` into the project environment first.

    python bench/mutation.py [--group grade --group link] [--children 2]

A large group (the store has some 4,000 mutants) can be measured file by file, in as many
runs as the time allows; each run adds its files to the group's entry and keeps the files
measured earlier, each with the commit it was measured at:

    python bench/mutation.py --group store --file src/corroborate/store/verify.py
    python bench/mutation.py --group store --file 'src/corroborate/store/s*.py'

On a busy machine a run can be given a deadline, ``--stop-after MINUTES`` (for the whole
invocation): mutmut is then interrupted and the mutants it had not tested are counted as
``not_run``, outside the score. mutmut tests the quickest mutants first, so the score of an
interrupted run is that of a biased sample: its entry says ``complete: false``.

The store's suite runs each test on SQLite and on PostgreSQL; ``--sqlite-only`` leaves the
PostgreSQL half out, and ``--tests PATH`` runs only some of the group's tests. Both give a
lower bound (a mutant only a left-out test kills counts as surviving) in about half the
time or less; the run's entry says which tests it ran and whether PostgreSQL was among them.

Once tests are added for the survivors of a file, ``--retest`` runs only those survivors
again (no other mutant), with the tests the run is given: a test added cannot let a mutant
killed before survive, so the file's other figures stand. It refuses a file changed since it
was measured (its mutants would be others under the same names):

    python bench/mutation.py --group store --file src/corroborate/store/chain.py --retest

Mutants are judged equivalent after a run shows them surviving; ``--rescore`` applies the
list as it is now to the survivors recorded, running nothing (a mutant taken off the list
needs a new run of its file).

Writes ``bench/results/mutation.json``: per group, the counts, the score and every
surviving mutant with its diff, in total and per file; ``not_measured`` lists the group's
files no run has measured yet (the group's figures then cover only the files measured),
``changed_since_measured`` the measured files whose source has changed since (their figures
describe earlier code: measure them again), and each run its minutes, CPU seconds and the
machine's load. A group measured as a whole before figures were kept per file keeps that
run's figures under ``whole_group_run``, counted in no score, once a file of it is measured.
The store's migrations are the exception: mutmut makes mutants of them but never runs one
(alembic loads the scripts by path, past mutmut's trampolines), so they stay under
``not_measured`` and ``bench/mutation_migrations.py`` measures a sample of them apart.
Runs of different groups may go on at the same time: each merges its group into the file
as it is when it writes.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import fnmatch
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RESULTS, ROOT, write_result

MUTMUT = Path(sys.executable).with_name("mutmut")
EQUIVALENT = ROOT / "bench" / "mutation_equivalent.yaml"
# each group: the files to mutate, and the tests that pin them (slow and browser tests are
# left out: a mutant runs the tests that reach it, and those take minutes each)
GROUPS: dict[str, tuple[list[str], list[str]]] = {
    "grade": (
        ["src/corroborate/grade/*", "src/corroborate/model/grades.py"],
        [
            "tests/grade",
            "tests/model/test_grades.py",
            "tests/test_results.py",
            "tests/test_neutrality.py",
        ],
    ),
    "link": (
        ["src/corroborate/link/*", "src/corroborate/model/links.py"],
        ["tests/link", "tests/model/test_links.py"],
    ),
    "store": (["src/corroborate/store/*"], ["tests/store"]),
    "ingest": (["src/corroborate/ingest/*"], ["tests/ingest"]),
    "results": (
        ["src/corroborate/results.py", "src/corroborate/reviewed.py"],
        # results.py lays the reviews over the linking through reviewed.py: the tests of
        # reviewed incidents reach it through results
        [
            "tests/test_reviewed.py",
            "tests/test_results.py",
            "tests/test_results_conflicts.py",
            "tests/review/test_rebuild.py",
            "tests/grade",
        ],
    ),
    "arbitration": (
        [
            "src/corroborate/extract/attribution/combine.py",
            "src/corroborate/extract/attribution/arbitration.py",
            "src/corroborate/extract/attribution/candidates.py",
        ],
        [
            "tests/extract/attribution/test_arbitration.py",
            "tests/extract/attribution/test_arbitration_weights.py",
            "tests/extract/attribution/test_candidates.py",
            "tests/extract/attribution/test_candidate_groups.py",
            "tests/extract/attribution/test_combine.py",
            "tests/extract/attribution/test_combine_parses.py",
            "tests/extract/test_golden.py",
        ],
    ),
}
# what a group's figures leave out, and why: written into its entry
NOTES = {
    "store": "store/migrations/versions/*.py stay under not_measured: alembic loads each "
    "script by its path, not by importing it, so mutmut's trampolines never run their mutants. "
    "bench/mutation_migrations.py measures them on a seeded sample, written to "
    "bench/results/mutation_migrations.json.",
}
KILLED = {"killed", "timeout", "segfault", "suspicious"}
MARKERS = "not slow and not browser"
NOT_RUN = {"not checked", "check was interrupted by user"}  # a run stopped at its deadline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", action="append", choices=sorted(GROUPS))
    parser.add_argument(
        "--file",
        action="append",
        metavar="PATH",
        help="measure only the group's files matching PATH (a glob); the others keep "
        "their earlier figures",
    )
    parser.add_argument("--children", type=int, default=2)
    parser.add_argument(
        "--stop-after",
        type=float,
        metavar="MINUTES",
        help="interrupt mutmut this long after the start; untested mutants count as not run",
    )
    parser.add_argument(
        "--tests",
        action="append",
        metavar="PATH",
        help="run only these of the group's tests (a lower bound: a mutant only a test left "
        "out kills counts as surviving); the run's entry names them",
    )
    parser.add_argument(
        "--sqlite-only",
        action="store_true",
        help="leave out the tests marked postgres (the store suite runs each test on both "
        "backends): about half the time, and a lower bound, since a mutant only a "
        "PostgreSQL test kills counts as surviving",
    )
    parser.add_argument(
        "--retest",
        action="store_true",
        help="with --file: run again only the survivors recorded for those files (each file "
        "unchanged since it was measured), once tests were added; the others keep their status",
    )
    parser.add_argument(
        "--rescore",
        action="store_true",
        help="run nothing: move the recorded survivors now listed as equivalent out of the scores",
    )
    args = parser.parse_args()
    if args.retest and not args.file:
        parser.error("--retest needs --file")
    if args.rescore:
        print(f"rescored: {_rescore()}")
        return
    deadline = time.monotonic() + 60 * args.stop_after if args.stop_after else None
    if not MUTMUT.exists():
        raise SystemExit(f"{MUTMUT} not found: pip install mutmut==3.8.1")
    names = args.group or sorted(GROUPS)
    chosen = {name: _chosen_files(GROUPS[name][0], args.file) for name in names}
    for test in args.tests or []:
        if not any(test.startswith(own) for name in names for own in GROUPS[name][1]):
            raise SystemExit(f"--tests {test}: not among the tests of {', '.join(names)}")
    if args.file and not any(chosen.values()):
        raise SystemExit(f"--file {' '.join(args.file)}: no file of {', '.join(names)}")
    with tempfile.TemporaryDirectory(prefix="corroborate-mutation-") as tmp:
        for name in names:
            if not chosen[name]:
                continue
            started, load, commit = time.monotonic(), os.getloadavg()[1], _head()
            cpu = _children_cpu()
            mutate = chosen[name] if args.file else GROUPS[name][0]
            again = _survivors_to_retest(name, chosen[name]) if args.retest else None
            statuses, diffs = _run_group(
                Path(tmp) / name,
                mutate,
                args.tests or GROUPS[name][1],
                args.children,
                deadline,
                markers=MARKERS + (" and not postgres" if args.sqlite_only else ""),
                mutants=again,
            )
            run = {
                "commit": commit,
                "minutes": round((time.monotonic() - started) / 60, 1),
                # the machine is shared: its 5-minute load average at the start and the end
                "load": [round(load, 1), round(os.getloadavg()[1], 1)],
                # CPU seconds of mutmut and its test processes: the minutes depend on the load
                "cpu_s": round(_children_cpu() - cpu),
                "children": args.children,
                "postgres": not args.sqlite_only,
                "tests": args.tests or GROUPS[name][1],
                "files": chosen[name],
            }
            if again is None:
                measured = _by_file(statuses, diffs, _equivalent(), chosen[name])
            else:
                run["retest"] = sorted(again)
                measured = _retested(name, chosen[name], statuses, commit)
            written, figures = _record(name, measured, run, partial=bool(args.file))
            group = figures["groups"][name]
            print(
                f"{name}: {group['score']}% of {group['counted']} mutants killed "
                f"({group['survived']} survived, {group['no_tests']} reached by no test, "
                f"{group['equivalent']} equivalent, {group['not_run']} not run) "
                f"in {run['minutes']} min; "
                f"{len(group['not_measured'])} of its files not measured"
            )
            print(f"overall: {figures['overall']['score']}% killed; written to {written}")


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


@contextlib.contextmanager
def _results_locked() -> Iterator[None]:
    """One run at a time reads, merges and writes the results file (runs of different groups
    finishing together would otherwise each write what they read before the other wrote)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    folder = os.open(RESULTS, os.O_RDONLY)  # the folder itself is the lock: no file left
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)


def _rescore() -> Path:
    """Apply the equivalent list as it is now to every recorded group's survivors."""
    with _results_locked():
        return _rescored()


def _rescored() -> Path:
    equivalent = _equivalent()
    groups = _earlier_groups()
    for name, group in groups.items():
        if "files" not in group:  # measured before figures were kept per file
            _drop_equivalent(group, equivalent)
            continue
        for figures in group["files"].values():
            _drop_equivalent(figures, equivalent)
        groups[name] = _total(group["files"], group["runs"], _chosen_files(GROUPS[name][0], None))
        if "whole_group_run" in group:
            groups[name]["whole_group_run"] = group["whole_group_run"]
        if name in NOTES:
            groups[name]["note"] = NOTES[name]
    return write_result("mutation", {"groups": groups, "overall": _overall(groups)})


def _drop_equivalent(figures: dict[str, Any], equivalent: dict[str, str]) -> None:
    """Move the survivors judged equivalent since the run out of the counted mutants."""
    for survivor in [s for s in figures["survivors"] if s["mutant"] in equivalent]:
        figures["survivors"].remove(survivor)
        figures["equivalent"] += 1
        figures["counted"] -= 1
        key = {"survived": "survived", "no tests": "no_tests"}.get(survivor["status"])
        if key:
            figures[key] -= 1
    figures["other"] = sorted(
        {s["status"] for s in figures["survivors"]} - {"survived", "no tests"}
    )
    counted = figures["counted"]
    figures["score"] = round(100 * figures["killed"] / counted, 1) if counted else None


def _survivors_to_retest(name: str, files: list[str]) -> list[str]:
    """The recorded survivors of these files; a file changed since it was measured would
    have other mutants under the same names, so it must be measured again in full."""
    recorded = (_earlier_groups().get(name) or {}).get("files") or {}
    again: list[str] = []
    for path in files:
        figures = recorded.get(path)
        if figures is None:
            raise SystemExit(f"--retest: {path} was never measured")
        if _changed(path, figures["commit"]):
            raise SystemExit(
                f"--retest: {path} changed since {figures['commit']}: measure it again"
            )
        again += [s["mutant"] for s in figures["survivors"]]
    if not again:
        raise SystemExit(f"--retest: no survivors recorded for {' '.join(files)}")
    return again


def _retested(
    name: str, files: list[str], statuses: dict[str, str], head: str
) -> dict[str, dict[str, Any]]:
    """The files' recorded figures with the survivors killed now counted as killed: adding a
    test cannot let a mutant killed before survive, so only the survivors are run again."""
    recorded = _earlier_groups()[name]["files"]
    equivalent = _equivalent()
    measured: dict[str, dict[str, Any]] = {}
    for path in files:
        figures = json.loads(json.dumps(recorded[path]))
        for survivor in list(figures["survivors"]):
            status = statuses.get(survivor["mutant"], "not checked")
            if status in KILLED:
                figures["survivors"].remove(survivor)
                figures["killed"] += 1
                key = {"survived": "survived", "no tests": "no_tests"}.get(survivor["status"])
                if key:
                    figures[key] -= 1
        _drop_equivalent(figures, equivalent)
        figures["retested"] = head
        measured[path] = figures
    return measured


def _chosen_files(mutate: list[str], patterns: list[str] | None) -> list[str]:
    """The group's source files (relative to the root), those matching a pattern if given.
    Globs match as mutmut matches them: ``*`` spans folders (``store/*`` takes in
    ``store/migrations/versions/0001_evidence.py``)."""
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src").rglob("*.py"))
    files = [f for f in sources if any(fnmatch.fnmatch(f, glob) for glob in mutate)]
    if patterns is None:
        return files
    return [f for f in files if any(fnmatch.fnmatch(f, pattern) for pattern in patterns)]


def _file_of(mutant: str) -> str:
    """The source file a mutant changes: ``corroborate.store.verify.x_verify__mutmut_4``
    is in ``src/corroborate/store/verify.py`` (mutmut drops ``__init__`` from names)."""
    module = mutant.partition("__mutmut_")[0].rpartition(".")[0]
    path = "src/" + module.replace(".", "/")
    return f"{path}.py" if (ROOT / f"{path}.py").exists() else f"{path}/__init__.py"


def _by_file(
    statuses: dict[str, str], diffs: dict[str, str], equivalent: dict[str, str], files: list[str]
) -> dict[str, dict[str, Any]]:
    """Each measured file's figures (a file without mutants counts zero of each)."""
    split: dict[str, dict[str, str]] = {f: {} for f in files}
    for mutant, status in statuses.items():
        split.setdefault(_file_of(mutant), {})[mutant] = status
    return {path: _score(own, diffs, equivalent) for path, own in sorted(split.items())}


def _record(
    name: str, measured: dict[str, dict[str, Any]], run: dict[str, Any], *, partial: bool
) -> tuple[Path, dict[str, Any]]:
    """Merge one run's files into the group's entry of the results as they are now."""
    with _results_locked():
        return _merged(name, measured, run, partial=partial)


def _merged(
    name: str, measured: dict[str, dict[str, Any]], run: dict[str, Any], *, partial: bool
) -> tuple[Path, dict[str, Any]]:
    groups = _earlier_groups()
    files: dict[str, Any] = {}
    runs: list[dict[str, Any]] = []
    if partial:  # an entry without per-file figures cannot be split, so it is replaced
        earlier = groups.get(name) or {}
        files = dict(earlier.get("files") or {})
        runs = [
            r
            for r in earlier.get("runs") or []
            if "retest" in run or set(r["files"]) - set(measured)
        ]
    for path, figures in measured.items():
        files[path] = {"commit": run["commit"], **figures}
    whole = _whole_group_run(groups.get(name) or {}) if partial else None
    groups[name] = _total(files, [*runs, run], _chosen_files(GROUPS[name][0], None))
    if whole:
        groups[name]["whole_group_run"] = whole
    if name in NOTES:
        groups[name]["note"] = NOTES[name]
    figures = {"groups": groups, "overall": _overall(groups)}
    return write_result("mutation", figures), figures


def _whole_group_run(earlier: dict[str, Any]) -> dict[str, Any] | None:
    """An entry measured as a whole, before figures were kept per file: its figures cannot be
    split between the files, so they stay beside the per-file ones as a record of that run,
    counted in no score (the code has changed since: their commit says when)."""
    if "whole_group_run" in earlier:
        return dict(earlier["whole_group_run"])
    if "files" in earlier or not earlier:
        return None
    keys = ("commit", "mutants", "equivalent", "counted", "killed", "survived", "score")
    return {key: earlier.get(key) for key in keys} | {"minutes": earlier.get("minutes")}


def _total(
    files: dict[str, dict[str, Any]], runs: list[dict[str, Any]], all_files: list[str]
) -> dict[str, Any]:
    """A group's figures: the sums over the files measured, and those not measured."""
    # a file moved or removed since it was measured is no longer the group's
    files = {path: figures for path, figures in files.items() if path in all_files}
    runs = [r for r in runs if set(r["files"]) & set(files)]
    keys = ("mutants", "not_run", "equivalent", "counted", "killed", "survived", "no_tests")
    group: dict[str, Any] = {key: sum(f.get(key, 0) for f in files.values()) for key in keys}
    group["other"] = sorted({o for f in files.values() for o in f["other"]})
    group["score"] = (
        round(100 * group["killed"] / group["counted"], 1) if group["counted"] else None
    )
    group["minutes"] = round(sum(r["minutes"] for r in runs), 1)
    group["commit"] = ", ".join(sorted({f["commit"] for f in files.values()}))
    group["measured"] = sorted(files)
    group["not_measured"] = [f for f in all_files if f not in files]
    # measured files whose source changed since: their figures describe earlier code
    group["changed_since_measured"] = [p for p, f in files.items() if _changed(p, f["commit"])]
    group["complete"] = (
        not group["not_measured"] and not group["not_run"] and not group["changed_since_measured"]
    )
    group["runs"] = runs  # the runs whose files are still in the entry, each timed
    group["survivors"] = [s for f in files.values() for s in f["survivors"]]
    group["files"] = {path: files[path] for path in sorted(files)}
    return group


def _earlier_groups() -> dict[str, Any]:
    """The groups as the results file holds them now, each stamped with its commit."""
    path = ROOT / "bench" / "results" / "mutation.json"
    if not path.exists():
        return {}
    record = json.loads(path.read_text(encoding="utf-8"))
    groups: dict[str, Any] = (record.get("figures") or {}).get("groups") or {}
    for group in groups.values():
        group.setdefault("commit", record.get("commit"))
    return groups


def _changed(path: str, commit: str) -> bool:
    """Whether the file differs at HEAD from the commit it was measured at."""
    done = subprocess.run(["git", "diff", "--quiet", commit, "HEAD", "--", path], cwd=ROOT)
    return done.returncode != 0


def _head() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or "unknown"


def _equivalent() -> dict[str, str]:
    """Mutant name -> why it cannot change behaviour (judged by reading it)."""
    if not EQUIVALENT.exists():
        return {}
    data = yaml.safe_load(EQUIVALENT.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def _run_group(
    where: Path,
    mutate: list[str],
    tests: list[str],
    children: int,
    deadline: float | None,
    *,
    markers: str,
    mutants: list[str] | None = None,
) -> tuple[dict[str, str], dict[str, str]]:
    subprocess.run(["git", "clone", "-q", str(ROOT), str(where)], check=True)
    selected = [t for t in tests if (where / t).exists()]
    config = {
        "source_paths": ["src/"],
        # tests read all three (the link tests build corpora with bench/link_scale.py)
        "also_copy": ["samples/", "docs/", "bench/"],
        "only_mutate": mutate,
        "pytest_add_cli_args_test_selection": selected,
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-q", "-m", markers],
    }
    with (where / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[tool.mutmut]\n")
        for key, value in config.items():
            handle.write(f"{key} = {json.dumps(value)}\n")
    _run_until(where, ["run", "--max-children", str(children), *(mutants or [])], deadline)
    listing = _mutmut(where, "results", "--all", "true")
    statuses = dict(line.strip().rsplit(": ", 1) for line in listing.splitlines() if ": " in line)
    if mutants is not None:  # a retest: the others were not run this time
        statuses = {name: statuses.get(name, "not checked") for name in mutants}
    diffs = _diffs(where, [n for n, s in statuses.items() if s in ("survived", "no tests")])
    shutil.rmtree(where, ignore_errors=True)
    return statuses, diffs


def _run_until(where: Path, args: list[str], deadline: float | None) -> None:
    """Run mutmut; at the deadline interrupt it and its workers as Ctrl-C in a terminal
    would (the whole process group), then kill the group if it has not stopped in a minute.
    The results mutmut had saved are kept; mutants cut short count as not run."""
    env = {**os.environ, "NO_COLOR": "1"}
    with subprocess.Popen(
        [str(MUTMUT), *args],
        cwd=where,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    ) as proc:
        try:
            proc.wait(None if deadline is None else max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


# what ``mutmut show`` prints, for many mutants in one process (a ``show`` each takes seconds)
_SHOW_ALL = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
diffs = {}
for name in json.load(sys.stdin):
    try:
        diffs[name] = get_diff_for_mutant(name)
    except Exception:
        pass
print(json.dumps(diffs))
"""


def _diffs(where: Path, names: list[str]) -> dict[str, str]:
    """Each mutant's diff; ``mutmut show`` for any the one-process read could not give."""
    done = subprocess.run(
        [sys.executable, "-c", _SHOW_ALL],
        cwd=where,
        input=json.dumps(names),
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        diffs: dict[str, str] = json.loads(done.stdout) if done.returncode == 0 else {}
    except json.JSONDecodeError:
        diffs = {}
    return {name: diffs.get(name) or _mutmut(where, "show", name) for name in names}


def _mutmut(where: Path, *args: str) -> str:
    done = subprocess.run(
        [str(MUTMUT), *args],
        cwd=where,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    if done.returncode not in (0, 1) and args[0] != "run":
        raise SystemExit(f"mutmut {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout


def _score(
    statuses: dict[str, str], diffs: dict[str, str], equivalent: dict[str, str]
) -> dict[str, Any]:
    tested = {n: s for n, s in statuses.items() if s not in NOT_RUN}
    counted = {n: s for n, s in tested.items() if n not in equivalent}
    killed = sum(1 for s in counted.values() if s in KILLED)
    survivors = {n: s for n, s in counted.items() if s not in KILLED}
    return {
        "mutants": len(statuses),
        "not_run": len(statuses) - len(tested),
        "equivalent": len(tested) - len(counted),
        "counted": len(counted),
        "killed": killed,
        "survived": sum(1 for s in survivors.values() if s == "survived"),
        "no_tests": sum(1 for s in survivors.values() if s == "no tests"),
        "other": sorted({s for s in survivors.values() if s not in ("survived", "no tests")}),
        "score": round(100 * killed / len(counted), 1) if counted else None,
        "survivors": [
            {"mutant": n, "status": s, "diff": _short(diffs.get(n, ""))}
            for n, s in sorted(survivors.items())
        ],
    }


def _short(diff: str) -> str:
    lines = [line for line in diff.splitlines() if line.startswith(("+", "-", "@@"))]
    return "\n".join(lines[:12])


def _overall(groups: dict[str, dict[str, Any]]) -> dict[str, Any]:
    counted = sum(g["counted"] for g in groups.values())
    killed = sum(g["killed"] for g in groups.values())
    return {
        "counted": counted,
        "killed": killed,
        "score": round(100 * killed / counted, 1) if counted else None,
    }


if __name__ == "__main__":
    main()
