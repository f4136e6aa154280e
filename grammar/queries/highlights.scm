; Keywords

[
  "if" "elseif" "else" "endif" "end"
  "do_case" "case" "otherwise" "endcase"
  "do_while" "while" "enddo" "endwhile"
  "for" "to" "step" "next" "endfor"
  "begin_sequence" "recover" "using" "end_sequence" "endsequence"
  "begin_transaction" "end_transaction" "endtransaction"
  "try" "catch" "finally" "endtry"
  "exit" "loop" "break" "return"
] @keyword.control

[
  "function" "procedure" "user" "static" "main" "template" "project" "web" "html" "pyme" "webuser"
  "local" "private" "public" "default" "parameters"
  "class" "from" "of" "data" "method" "endclass"
  "protected" "hidden" "export" "published"
  "wsrestful" "wsservice" "wsstruct" "wsclient" "wsdata" "wsmethod"
  "endwsrestful" "endwsservice" "endwsstruct" "endwsclient"
  "namespace" "using_namespace" "annotation" "as"
  "beginsql" "endsql" "begincontent" "endcontent" "alias" "var" "column"
] @keyword

[
  "#include" "#define" "#undef" "#ifdef" "#ifndef" "#if" "#elif" "#else" "#endif"
] @keyword.directive

(preproc_directive) @keyword.directive
(preproc_else) @keyword.directive
(preproc_endif) @keyword.directive

; Operators

[
  "+" "-" "*" "/" "%" "**" "^" "$"
  "=" "==" "!=" "<>" "#" "<" ">" "<=" ">="
  ":=" "+=" "-=" "*=" "/=" "%=" "^=" "**="
  "++" "--" "!" "->" "@" "&"
  ".and." ".or." ".not."
] @operator

[":" "::"] @punctuation.delimiter
["(" ")" "[" "]" "{" "}"] @punctuation.bracket
"," @punctuation.delimiter

; Literals

(string) @string
(system_lib_string) @string
(number) @number
(logical) @boolean
(nil) @constant.builtin
(self) @variable.builtin
(comment) @comment
(protheus_doc) @comment.documentation

; Definitions and calls

(function_definition name: (identifier) @function)
(method_definition name: (identifier) @function.method)
(method_declaration name: (identifier) @function.method)
(wsmethod_definition name: (identifier) @function.method)
(class_definition name: (identifier) @type)
(class_definition parent: (identifier) @type)
(webservice_definition name: (identifier) @type)
(type) @type
(call_expression function: (identifier) @function.call)
(call_expression function: (member_expression member: (identifier) @function.method.call))
(member_expression member: (identifier) @property)
(self_member_expression member: (identifier) @property)
(alias_expression alias: (identifier) @namespace)
(alias_expression field: (identifier) @property)
(parameter name: (identifier) @variable.parameter)
(annotation name: (annotation_name) @attribute)
(preproc_define name: (identifier) @constant.macro)
(macro_expression) @function.macro

; Embedded SQL

(sql_text) @string.special
[(sql_table) (sql_xfilial) (sql_order) (sql_notdel) (sql_noparser) (sql_macro)] @function.macro

(identifier) @variable
