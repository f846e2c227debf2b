"""The dependency direction of STYLE.md, checked on every import a module makes.

Vocabulary (model, ids, errors, settings, taxonomy) imports nothing of ours but itself;
``store`` imports the vocabulary; stages import the vocabulary and ``store``, never each
other; ``pipeline`` imports stages; nothing imports the adapters (cli, api, web).

Outside a stage, a stage is used through its package's API (the names its ``__init__``
exports), never through its modules: ``from corroborate.link import link``, not
``from corroborate.link.assemble import link``. The run's assembly (``results``,
``reviewed``) keeps this rule, so a stage can rearrange its modules without breaking it;
the pipeline and the adapters do not yet (``ADAPTER_MODULE_IMPORTS`` lists theirs, and it
may only shrink).

An import is found in every form it takes: absolute (``import corroborate.link.reuse``,
``from corroborate.link import reuse``), of a package's module by the package
(``from corroborate import extract``), relative (``from . import x``, ``from ..link import
y``, resolved against the module's own package), and dynamic (``importlib.import_module``
and ``__import__``, whose module path may be a string constant, a constant named in the
module, a sum of them, or an f-string's fixed start). A dynamic import of a path the check
cannot read is itself reported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "corroborate"
VOCABULARY = {"", "model", "ids", "errors", "settings", "taxonomy"}  # "": the package root
STAGES = {"ingest", "extract", "link", "grade", "review", "export"}
ADAPTERS = {"cli", "api", "web"}
ASSEMBLY = {"results", "reviewed"}  # the run's assembly of stage outputs, with the pipeline
API_ONLY = ASSEMBLY  # modules that use a stage through its package's API only
UNREAD = "<dynamic>"  # a dynamic import whose module path cannot be read


def modules() -> dict[str, Path]:
    """Our modules by dotted name under ``corroborate`` ("link.assemble"; a package by its
    own name, "link"; the root package by "")."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = modules()


def layer(module: str) -> str:
    top = module.split(".")[0]
    if top in VOCABULARY:
        return "vocabulary"
    if top in STAGES:
        return f"stage:{top}"
    if top in ADAPTERS:
        return "adapter"
    if top in ASSEMBLY:
        return "pipeline"
    return top


def ours(name: str) -> str | None:
    """``corroborate.x.y`` as "x.y" ("" for the package itself); None for another's."""
    if name == "corroborate":
        return ""
    return name.removeprefix("corroborate.") if name.startswith("corroborate.") else None


def relative(name: str, level: int, package: str) -> str | None:
    """A relative import's module under ``corroborate``, from the importing module's own
    package (``package``, dotted under ``corroborate``); None if it climbs above it."""
    parts = package.split(".") if package else []
    if level - 1 > len(parts):
        return None
    base = parts[: len(parts) - (level - 1)]
    return ".".join([*base, *([name] if name else [])])


def joined(*parts: str) -> str:
    return ".".join(p for p in parts if p)


class Imports(ast.NodeVisitor):
    """The modules of ours one module's text imports, each form resolved (see above)."""

    def __init__(self, module: str, *, is_package: bool, known: set[str]) -> None:
        self.package = module if is_package else module.rpartition(".")[0]
        self.known = known
        self.found: set[str] = set()
        self.constants: dict[str, set[str]] = {}
        self.loaders = {"__import__"}  # names bound to importlib.import_module or __import__
        self.importlibs = {"importlib"}  # names bound to the importlib module

    def read_constants(self, tree: ast.Module) -> None:
        """The strings each name is bound to anywhere in the module, wherever it is used:
        read until nothing changes, so a constant built from another is read too."""
        bindings = [
            (target.id, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        ]
        for _ in range(len(bindings) + 1):
            before = {k: set(v) for k, v in self.constants.items()}
            for name, value in bindings:
                values = self.strings(value)
                if values:
                    self.constants.setdefault(name, set()).update(values)
            if before == self.constants:
                return

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == "importlib":
                self.importlibs.add(alias.asname or alias.name)
            name = ours(alias.name)
            if name is not None:
                self.found.add(name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = relative(node.module or "", node.level, self.package)
        else:
            base = ours(node.module or "")
        if node.module == "importlib" and not node.level:
            self.loaders |= {a.asname or a.name for a in node.names if a.name == "import_module"}
        if base is None:
            return
        for alias in node.names:
            self.add_from(base, alias.name)

    def add_from(self, base: str, name: str) -> None:
        """``from base import name``: the module ``base.name`` where it is one, else ``base``."""
        candidate = joined(base, name)
        self.found.add(candidate if candidate in self.known else base)

    def visit_Call(self, node: ast.Call) -> None:
        if self.is_loader(node.func) and node.args:
            found = set(self.dynamic(node))
            self.found |= found
            for base in found - {UNREAD}:  # __import__("corroborate.link", fromlist=[...])
                for name in self.fromlist(node):
                    self.add_from(base, name)
        self.generic_visit(node)

    def fromlist(self, node: ast.Call) -> list[str]:
        keywords = {k.arg: k.value for k in node.keywords}
        names = keywords.get("fromlist", node.args[3] if len(node.args) > 3 else None)
        if not isinstance(names, ast.List | ast.Tuple):
            return []
        return [n.value for n in names.elts if isinstance(n, ast.Constant) and n.value]

    def is_loader(self, func: ast.expr) -> bool:
        if isinstance(func, ast.Name):
            return func.id in self.loaders
        return (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and (
                (func.attr == "import_module" and func.value.id in self.importlibs)
                or (func.attr == "__import__" and func.value.id == "builtins")
            )
        )

    def dynamic(self, node: ast.Call) -> Iterator[str]:
        names = self.strings(node.args[0])
        if names is None:
            yield UNREAD
            return
        level, anchor = self.anchor(node)
        for name in names:
            if name.startswith("."):  # import_module(".x", package=...)
                dots = len(name) - len(name.lstrip("."))
                resolved = None if anchor is None else relative(name[dots:], dots, anchor)
            elif level:  # __import__("x", globals(), locals(), [...], 1)
                resolved = relative(name, level, self.package)
            else:
                resolved = ours(name.rstrip("."))
            if resolved is not None:
                yield resolved

    def anchor(self, node: ast.Call) -> tuple[int, str | None]:
        """``(level, package)`` a dynamic import is relative to: ``__import__``'s fifth
        argument, or ``import_module``'s package (``__package__``: this module's)."""
        keywords = {k.arg: k.value for k in node.keywords}
        second = keywords.get("package", node.args[1] if len(node.args) > 1 else None)
        level_node = keywords.get("level", node.args[4] if len(node.args) > 4 else None)
        level = level_node.value if isinstance(level_node, ast.Constant) else 0
        if isinstance(second, ast.Name) and second.id == "__package__":
            return level, self.package
        package = self.strings(second) if second is not None else None
        if package and len(package) == 1:
            return level, ours(next(iter(package)))
        return level, None

    def strings(self, node: ast.expr | None) -> set[str] | None:
        """The strings an expression can be: a constant, a constant's name, a sum of them,
        an f-string's fixed start followed by "*"; None if it cannot be read."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.strings(node.left), self.strings(node.right)
            if left is None or right is None:
                return None
            return {a + b for a in left for b in right}
        if isinstance(node, ast.JoinedStr) and node.values:
            head = node.values[0]
            if isinstance(head, ast.Constant) and isinstance(head.value, str):
                return {f"{head.value.rpartition('.')[0]}.*"}
        return None


def imports(text: str, module: str, *, is_package: bool = False) -> set[str]:
    """The modules of ours that ``text``, the module ``module``, imports, in dotted form
    under ``corroborate`` (a stage's module read dynamically through an f-string as
    "stage.*")."""
    visitor = Imports(module, is_package=is_package, known=set(MODULES))
    tree = ast.parse(text)
    visitor.read_constants(tree)
    visitor.visit(tree)
    return visitor.found


def allowed(source: str, target: str) -> bool:
    if target == UNREAD:
        return False
    mine, theirs = layer(source), layer(target)
    if mine == theirs:
        return True
    if mine == "vocabulary":
        return False
    if mine == "store":
        return theirs == "vocabulary"
    if mine.startswith("stage:"):
        return theirs in {"vocabulary", "store"}
    if mine == "pipeline":
        return theirs != "adapter"
    return mine == "adapter" or mine == "__main__"


def reaches_in(source: str, target: str) -> bool:
    """Whether ``source`` uses a module of a stage other than its own, not its package."""
    stage, _, rest = target.partition(".")
    return stage in STAGES and bool(rest) and layer(source) != f"stage:{stage}"


def found_imports() -> Iterator[tuple[str, str]]:
    for module, path in sorted(MODULES.items()):
        for target in sorted(imports(path.read_text(), module, is_package=path.stem == "__init__")):
            yield module, target


def test_dependency_direction() -> None:
    wrong = [f"{s or 'corroborate'} imports {t}" for s, t in found_imports() if not allowed(s, t)]
    assert not wrong, wrong


def test_results_uses_stage_apis_only() -> None:
    wrong = [f"{s} imports {t}" for s, t in found_imports() if s in API_ONLY and reaches_in(s, t)]
    assert not wrong, wrong


# Modules outside ``API_ONLY`` that still use some of a stage's modules, not its package:
# the stage each one reaches into. A new one fails the test below; one that no longer does
# must be taken off.
ADAPTER_MODULE_IMPORTS = {
    ("api.caseview", "export"),
    ("api.exports", "export"),
    ("api.impact", "export"),
    ("api.queue", "export"),
    ("api.queue", "review"),
    ("api.reviews", "review"),
    ("api.routes", "export"),
    ("api.service", "export"),
    ("api.spans", "export"),
    ("cli.app", "export"),
    ("cli.app", "extract"),
    ("cli.export", "export"),
    ("cli.render", "export"),
    ("cli.review", "review"),
    ("pipeline", "export"),
    ("pipeline", "extract"),
    ("pipeline", "review"),
    ("web.common", "export"),
    ("web.decisions", "export"),
    ("web.merge", "export"),
    ("web.merge", "review"),
    ("web.overview", "export"),
    ("web.pages", "export"),
    ("web.queue", "export"),
    ("web.queue", "review"),
    ("web.sources", "grade"),
    ("web.sources", "review"),
    ("web.views", "export"),
}


def test_module_imports_of_stages_only_shrink() -> None:
    reaching = {(s, t.partition(".")[0]) for s, t in found_imports() if reaches_in(s, t)}
    assert reaching - ADAPTER_MODULE_IMPORTS == set(), "use the stage's package API"
    assert ADAPTER_MODULE_IMPORTS - reaching == set(), "no longer reaches in: take it off"


# The check itself: each form of import, in a small module text, is found and judged.


def test_absolute_imports_are_found() -> None:
    text = "import corroborate.link.reuse\nfrom corroborate.grade.rules import grade\n"
    assert imports(text, "extract.deaths") == {"link.reuse", "grade.rules"}
    assert not allowed("extract.deaths", "link.reuse")


def test_package_level_imports_are_found() -> None:
    """``from corroborate import extract`` names a stage; the old check saw nothing."""
    text = "from corroborate import extract, __version__\nimport corroborate\n"
    found = imports(text, "model.links")
    assert found == {"extract", ""}
    assert [t for t in sorted(found) if not allowed("model.links", t)] == ["extract"]


def test_a_package_names_its_modules() -> None:
    text = "from corroborate.link import assemble, link\n"
    assert imports(text, "results") == {"link.assemble", "link"}
    assert reaches_in("results", "link.assemble")
    assert not reaches_in("results", "link")


def test_relative_imports_resolve_against_the_module_package() -> None:
    text = "from . import incidents\nfrom .reuse import Text\nfrom ..grade import rules\n"
    found = imports(text, "link.assemble")
    assert found == {"link.incidents", "link.reuse", "grade.rules"}
    assert [t for t in sorted(found) if not allowed("link.assemble", t)] == ["grade.rules"]


def test_relative_imports_in_a_package_init() -> None:
    """In ``link/__init__.py`` one dot is ``link`` itself; two dots the root package."""
    text = "from .assemble import link\nfrom .. import web\n"
    found = imports(text, "link", is_package=True)
    assert found == {"link.assemble", "web"}
    assert not allowed("link", "web")


def test_relative_import_of_a_stage_module_from_results() -> None:
    assert imports("from .extract import cached\n", "results") == {"extract.cached"}
    assert imports("from .extract.voices import AUTHOR_ROLE\n", "results") == {"extract.voices"}


def test_import_module_with_a_literal_path() -> None:
    text = 'import importlib\nimportlib.import_module("corroborate.extract.deaths")\n'
    assert imports(text, "model") == {"extract.deaths"}
    assert not allowed("model", "extract.deaths")


def test_import_module_through_a_constant_and_an_alias() -> None:
    text = (
        "from importlib import import_module as load\n"
        'STAGE = "corroborate.grade"\n'
        'RULES = STAGE + ".rules"\n'
        "def rules():\n"
        "    return load(RULES)\n"
    )
    assert imports(text, "link.stance") == {"grade.rules"}
    assert not allowed("link.stance", "grade.rules")


def test_relative_import_module_and_dunder_import() -> None:
    text = (
        "import importlib\n"
        'importlib.import_module(".origins", package="corroborate.grade")\n'
        'importlib.import_module("..web", __package__)\n'
        '__import__("corroborate.link", fromlist=["reuse"])\n'
        '__import__("api", globals(), locals(), [], 2)\n'
    )
    found = imports(text, "export.html")
    assert found == {"grade.origins", "web", "link", "link.reuse", "api"}
    assert {t for t in found if allowed("export.html", t)} == set()


def test_dynamic_imports_through_an_f_string_or_unreadable() -> None:
    text = (
        "import importlib\n"
        "def load(name, which):\n"
        '    importlib.import_module(f"corroborate.extract.{name}")\n'
        "    importlib.import_module(which)\n"
    )
    found = imports(text, "results")
    assert found == {"extract.*", UNREAD}
    assert reaches_in("results", "extract.*")
    assert not allowed("results", UNREAD)


def test_imports_of_others_are_not_ours() -> None:
    text = (
        "import importlib\nimport numpy\nfrom spacy.language import Language\n"
        'importlib.import_module("distributed")\n'
    )
    assert imports(text, "extract.cluster") == set()
