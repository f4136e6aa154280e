"""Build the ADVPL/TLPP tree-sitter grammar into the package.

The grammar lives in ``grammar/`` as a standard tree-sitter package whose generated
``src/parser.c`` is committed, so installing needs only a C compiler, never the
tree-sitter CLI or Node.js.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            name="protheus_ci.analyzers._advpl",
            sources=[
                "src/protheus_ci/analyzers/_advpl.c",
                "grammar/src/parser.c",
                "grammar/src/scanner.c",
            ],
            include_dirs=["grammar/src"],
            extra_compile_args=["-std=c11", "-O2"],
            py_limited_api=True,
            define_macros=[("Py_LIMITED_API", "0x030B0000")],
        )
    ],
    options={"bdist_wheel": {"py_limited_api": "cp311"}},
)
