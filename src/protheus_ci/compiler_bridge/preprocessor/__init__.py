"""The built-in ADVPL/TLPP preprocessor (Clipper/Harbour rules, TOTVS headers)."""

from protheus_ci.compiler_bridge.preprocessor.engine import PpoLine, Preprocessor, PreprocessResult
from protheus_ci.compiler_bridge.preprocessor.includes import SourceFiles

__all__ = ["PpoLine", "PreprocessResult", "Preprocessor", "SourceFiles"]
