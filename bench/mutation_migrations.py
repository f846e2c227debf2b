"""Mutation score of the store's migrations, which mutmut generates mutants for but never runs.

Alembic loads each script of ``store/migrations/versions`` by its path, not by importing
it, so mutmut's trampolines (which pick the mutant to run from the module's import name)
never reach them: ``bench/mutation.py`` counts those files as not measured. This script
measures them another way. It makes the mutants mutmut makes (its own generator, the same
operators, in the functions of each script), draws a seeded random sample of them, and for
each one writes the mutated script into a clean copy of the committed tree and runs the
tests given there; a test failing (or the run timing out) kills the mutant.

Scope: the store only ever upgrades (nothing calls ``downgrade``), so the mutants of the
``downgrade`` functions are counted apart, outside the score, as ``downgrade_mutants``.
The tests run on SQLite only unless ``--postgres`` is given: a change only PostgreSQL would
notice (a column's length, a type SQLite does not enforce) then counts as surviving, so the
figure is a lower bound for what the store suite catches.

    python bench/mutation_migrations.py --sample 40 --seed 19 \
        --tests tests/store/test_store.py --tests tests/store/test_runs.py

Writes ``bench/results/mutation_migrations.json``: the sample's size and seed, the tests,
killed, equivalent and surviving counts, the score (killed over the sample less the
equivalent), every survivor with its diff, minutes and CPU seconds of the test runs, and the
machine's load. Survivors are judged equivalent in ``bench/mutation_equivalent.yaml`` under
this script's names (``0007_workspace.upgrade#38``); ``--rescore`` applies the list to the
recorded run without running anything.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import libcst as cst
import yaml
from mutmut.mutation.file_mutation import create_mutations

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RESULTS, ROOT, write_result

VERSIONS = "src/corroborate/store/migrations/versions"
EQUIVALENT = ROOT / "bench" / "mutation_equivalent.yaml"
UNUSED = {"downgrade"}  # functions no code path runs: their mutants are outside the score


@dataclass(frozen=True)
class Mutant:
    path: str  # relative to the root
    function: str
    number: int  # within the function, in the generator's order
    source: str  # the whole script with this one change

    @property
    def name(self) -> str:
        return f"{Path(self.path).stem}.{self.function}#{self.number}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=40, help="mutants to run (0: all)")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--tests", action="append", metavar="PATH")
    parser.add_argument("--postgres", action="store_true", help="run the PostgreSQL half too")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per mutant")
    parser.add_argument(
        "--rescore",
        action="store_true",
        help="run nothing: move the recorded survivors now listed as equivalent out of the score",
    )
    args = parser.parse_args()
    if not args.rescore and not args.tests:
        parser.error("--tests is needed to measure")
    if args.rescore:
        print(f"rescored: {_rescored()}")
        return
    mutants = [m for path in _scripts() for m in _mutants(path)]
    counted = [m for m in mutants if m.function not in UNUSED]
    chosen = _sample(counted, args.sample, args.seed)
    started, load, cpu = time.monotonic(), os.getloadavg()[1], _children_cpu()
    markers = "not slow and not browser" + ("" if args.postgres else " and not postgres")
    with tempfile.TemporaryDirectory(prefix="corroborate-migrations-") as tmp:
        where = Path(tmp) / "tree"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(where)], check=True)
        if _tests(where, args.tests, markers, args.timeout) != "survived":
            raise SystemExit("the tests fail (or time out) without any mutant: nothing to measure")
        outcomes = {m.name: _outcome(where, m, args.tests, markers, args.timeout) for m in chosen}
    survivors = [m for m in chosen if outcomes[m.name] == "survived"]
    killed = len(chosen) - len(survivors)
    figures: dict[str, Any] = {
        "files": _scripts(),
        "mutants": len(counted),
        "downgrade_mutants": len(mutants) - len(counted),
        "sample": len(chosen),
        "seed": args.seed,
        "tests": args.tests,
        "postgres": args.postgres,
        "killed": killed,
        "equivalent": 0,
        "timeout": sum(1 for o in outcomes.values() if o == "timeout"),
        "survived": len(survivors),
        "score": round(100 * killed / len(chosen), 1) if chosen else None,
        "minutes": round((time.monotonic() - started) / 60, 1),
        "cpu_s": round(_children_cpu() - cpu),
        "load": [round(load, 1), round(os.getloadavg()[1], 1)],
        "survivors": [{"mutant": m.name, "diff": _diff(m)} for m in survivors],
    }
    figures = _without_equivalent(figures)
    written = write_result("mutation_migrations", figures)
    print(
        f"migrations: {figures['score']}% of a sample of {len(chosen)} of {len(counted)} "
        f"mutants killed ({len(survivors)} survived) in {figures['minutes']} min; {written}"
    )


def _rescored() -> Path:
    """The recorded figures with the equivalent list as it is now (the run's commit kept)."""
    record = json.loads((RESULTS / "mutation_migrations.json").read_text(encoding="utf-8"))
    figures = record["figures"]
    figures.setdefault("measured_at", record["commit"])
    figures.setdefault("equivalent", 0)
    return write_result("mutation_migrations", _without_equivalent(figures))


def _without_equivalent(figures: dict[str, Any]) -> dict[str, Any]:
    """Survivors judged equivalent (``bench/mutation_equivalent.yaml``, under the names this
    script gives, ``0007_workspace.upgrade#38``) leave the sample's score."""
    listed = yaml.safe_load(EQUIVALENT.read_text(encoding="utf-8")) or {}
    survivors = [s for s in figures["survivors"] if s["mutant"] not in listed]
    equivalent = figures["equivalent"] + len(figures["survivors"]) - len(survivors)
    counted = figures["sample"] - equivalent
    return figures | {
        "equivalent": equivalent,
        "survived": len(survivors),
        "survivors": survivors,
        "score": round(100 * figures["killed"] / counted, 1) if counted else None,
    }


def _scripts() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / VERSIONS).glob("*.py"))


def _mutants(path: str) -> list[Mutant]:
    """Every mutant mutmut's generator makes in the script's functions, each applied alone."""
    code = (ROOT / path).read_text(encoding="utf-8")
    module, mutations, _, _ = create_mutations(path, code)
    found: list[Mutant] = []
    numbers: dict[str, int] = {}
    for mutation in mutations:
        if mutation.contained_by_top_level_function is None:
            continue  # module-level values (revision ids): mutmut makes no mutant of them
        function = mutation.contained_by_top_level_function.name.value
        numbers[function] = numbers.get(function, 0) + 1
        changed = module.deep_replace(mutation.original_node, mutation.mutated_node)
        assert isinstance(changed, cst.Module)
        found.append(Mutant(path, function, numbers[function], changed.code))
    return found


def _sample(mutants: list[Mutant], size: int, seed: int) -> list[Mutant]:
    if size <= 0 or size >= len(mutants):
        return mutants
    return sorted(random.Random(seed).sample(mutants, size), key=lambda m: m.name)


def _outcome(where: Path, mutant: Mutant, tests: list[str], markers: str, timeout: float) -> str:
    """Run the tests on the tree with this mutant in place: killed, timeout or survived."""
    target = where / mutant.path
    original = target.read_text(encoding="utf-8")
    target.write_text(mutant.source, encoding="utf-8")
    try:
        outcome = _tests(where, tests, markers, timeout)
    finally:
        target.write_text(original, encoding="utf-8")
    print(f"{mutant.name}: {outcome}", flush=True)
    return outcome


def _tests(where: Path, tests: list[str], markers: str, timeout: float) -> str:
    """Run the tests on the tree as it is: survived (all pass), killed, or timeout."""
    # alembic loads the scripts through importlib: a cached bytecode of the script before the
    # change (same size, same second) would run instead of the mutant, so none is kept
    for cached in (where / VERSIONS).glob("__pycache__"):
        shutil.rmtree(cached)
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    command += ["-m", markers, f"--basetemp={where.parent / 'pytest'}", *tests]
    env = {**os.environ, "PYTHONPATH": f"{where / 'src'}:{where}", "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(command, cwd=where, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    finally:
        shutil.rmtree(where.parent / "pytest", ignore_errors=True)
    if done.returncode in (4, 5):  # a usage error, no test collected: nothing was measured
        raise SystemExit(f"pytest exit {done.returncode}: {done.stdout[-800:]!r}")
    return "survived" if done.returncode == 0 else "killed"


def _diff(mutant: Mutant) -> str:
    original = (ROOT / mutant.path).read_text(encoding="utf-8").splitlines()
    lines = difflib.unified_diff(original, mutant.source.splitlines(), lineterm="", n=0)
    return "\n".join(
        line
        for line in lines
        if line.startswith(("+", "-", "@@")) and not line.startswith(("+++", "---"))
    )


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


if __name__ == "__main__":
    main()
