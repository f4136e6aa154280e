(function_definition
  name: (_) @name) @definition.function

(method_definition
  name: (identifier) @name) @definition.method

(method_declaration
  name: (identifier) @name) @definition.method

(wsmethod_definition
  name: (_) @name) @definition.method

(class_definition
  name: (_) @name) @definition.class

(webservice_definition
  name: (identifier) @name) @definition.class

(call_expression
  function: (identifier) @name) @reference.call

(call_expression
  function: (member_expression member: (identifier) @name)) @reference.call
