#include "emulator/bulk/csv_values.h"

#include <charconv>
#include <cmath>

#include "common/time_util.h"

namespace emu {

namespace {

void append_double(std::string& out, double d) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc()) return;
  std::string_view text(buf, static_cast<size_t>(end - buf));
  out.append(text);
  // Whole numbers keep a decimal point, as Salesforce prints currency and double fields (300.0).
  if (std::isfinite(d) && text.find_first_of(".eE") == std::string_view::npos) out.append(".0");
}

}  // namespace

void append_csv_value(std::string& out, const FieldValue& value, FieldType type) {
  if (std::holds_alternative<std::monostate>(value)) return;
  if (const bool* b = std::get_if<bool>(&value)) {
    out.append(*b ? "true" : "false");
    return;
  }
  if (const int64_t* n = std::get_if<int64_t>(&value)) {
    if (type == FieldType::DateTime) {
      out.append(sfsync::format_iso_datetime_z(*n));
    } else if (type == FieldType::Boolean) {
      out.append(*n ? "true" : "false");
    } else if (type == FieldType::Double || type == FieldType::Currency || type == FieldType::Percent) {
      append_double(out, static_cast<double>(*n));
    } else {
      out.append(std::to_string(*n));
    }
    return;
  }
  if (const double* d = std::get_if<double>(&value)) {
    if (type == FieldType::Int) {
      out.append(std::to_string(static_cast<int64_t>(*d)));
    } else {
      append_double(out, *d);
    }
    return;
  }
  out.append(std::get<std::string>(value));
}

}  // namespace emu
