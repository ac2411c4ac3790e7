// The rowset API's $filter and $orderBy, compiled to SQL over a Data Extension table
// (column i of the definition is SQL column "c<i>", see data_extension_store.h).
//
// $filter grammar (keywords case-insensitive, field names matched case-insensitively):
//   expr    := and_expr ("or" and_expr)*
//   and_expr:= unary ("and" unary)*
//   unary   := "not" unary | "(" expr ")" | Field op value | Field "between" value "and" value
//   op      := eq | neq | ne | lt | lte | le | gt | gte | ge | like
//   value   := 'quoted text' ('' escapes a quote) | bare number/word
// Values are converted to the field's type (dates accept 2024-01-01T00:00:00 and 1/1/2024);
// `Field eq ''` means the field is empty (null), `neq ''` that it is not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "emulator/sfmc/data_extension.h"
#include "emulator/sfmc/de_value.h"

namespace emu {

struct SqlWhere {
  std::string sql;  // "" = no condition
  std::vector<DeCell> binds;
};

// Error code "bad_filter" with a message naming the problem.
sfsync::Result<SqlWhere> compile_rowset_filter(std::string_view filter, const DataExtensionDef& de);

// "Field asc|desc[, Field2 ...]" -> "c1 ASC, c2 DESC". Error code "bad_order_by".
sfsync::Result<std::string> compile_rowset_order(std::string_view order_by, const DataExtensionDef& de);

}  // namespace emu
