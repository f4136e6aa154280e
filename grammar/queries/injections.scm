((sql_text) @injection.content
  (#set! injection.language "sql")
  (#set! injection.combined))
