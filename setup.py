"""The build step pyproject.toml cannot declare: ship ``data/`` and ``cypher/`` in the wheel.

They stay where they are in the checkout (the tools, Docker and the tests use them
there); the wheel gets a copy as ``graph_loader/_shipped/{data,cypher}``, which
:mod:`graph_loader.resources` finds when there is no checkout. Everything else is in
pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# As graph_loader.resources.SHIPPED (not imported: the build must not import the package).
SHIPPED = {
    "data": ("schema.yaml", "*.csv", "LICENSE.md"),
    "cypher": ("*.cypher", "style.grass", "queries/*.cypher"),
}


class build_py_shipped(build_py):
    """build_py, then copy the shipped files into ``graph_loader/_shipped`` of the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads the checkout
            return
        if not (ROOT / "data" / "schema.yaml").is_file():
            raise SystemExit(f"{ROOT}: no data/schema.yaml to ship (an incomplete sdist?)")
        for folder, patterns in SHIPPED.items():
            for pattern in patterns:
                for src in sorted((ROOT / folder).glob(pattern)):
                    dest = Path(self.build_lib, "graph_loader", "_shipped", folder,
                                src.relative_to(ROOT / folder))
                    self.mkpath(str(dest.parent))
                    self.copy_file(str(src), str(dest))


setup(cmdclass={"build_py": build_py_shipped})
