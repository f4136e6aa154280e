"""Every rule module, one line each. Importing a module registers its checks."""

from __future__ import annotations

import importlib

RULE_MODULES: tuple[str, ...] = (
    # SQL
    "select_star",
    "sql_concatenated_value",
    "query_without_deleted_filter",
    "query_without_branch_filter",
    "hard_coded_table_name",
    "delete_from",
    "ddl_in_source",
    "direct_query",
    "exp_misuse",
    # transactions and locks
    "reclock_without_msunlock",
    "unclosed_transaction",
    "begintran_function",
    "ui_in_transaction",
    # performance
    "getmv_in_loop",
    "type_or_pergunte_in_loop",
    "string_concatenation_in_loop",
    "reccount_existence_test",
    # work areas
    "getarea_without_restarea",
    "dbselectarea_without_area_restore",
    # legacy and restricted APIs
    "conout",
    "putsx1",
    "msgbox",
    "isam_files",
    "staticcall",
    "ptinternal",
    "restricted_functions",
    "deprecated_functions",
    "legacy_screens",
    "errorblock_override",
    # security and environment
    "user_id_assignment",
    "company_branch_assignment",
    "environment_in_service",
    "hardcoded_credentials",
    "personal_data_in_logs",
    # UI
    "ui_in_jobs",
    # documentation
    "undocumented_user_function",
    "undocumented_class",
    "undocumented_webservice",
    "orphan_protheus_doc",
    # scoping
    "undeclared_assignment",
    "unused_local",
    "late_declaration",
    "private_declaration",
    "public_declaration",
    "shadowed_framework_public",
    "unused_static_function",
    # naming
    "long_user_function_name",
    "standard_routine_name",
    "missing_customer_prefix",
    "duplicate_function",
    "ten_character_collision",
    # includes
    "include_case",
    "obsolete_include",
    "duplicate_include",
    "include_case_on_disk",
    # hygiene
    "line_endings",
    "non_cp1252_encoding",
    "string_equals_comparison",
    "type_on_local",
    "macro_on_local",
    "chr_crlf",
    "merge_conflict_markers",
    # complexity
    "function_length",
    "cyclomatic_complexity",
    "too_many_parameters",
)


def import_rule_modules() -> None:
    for name in RULE_MODULES:
        importlib.import_module(f"protheus_ci.analyzers.rules.{name}")
