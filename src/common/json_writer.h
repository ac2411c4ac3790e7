// JsonWriter: appends compact JSON to a std::string.
//
// Written by hand on purpose: simdjson (our parser) has no serializer in the Debian 12 version, and the
// emulator's query pages are a hot path (1M records must serialize in well under a second), so a
// small append-only writer with no DOM and no allocation per value is the right tool. It does not
// validate nesting; callers produce well-formed documents by construction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sfsync {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { comma(); out_.push_back('{'); first_ = true; return *this; }
  JsonWriter& end_object() { out_.push_back('}'); first_ = false; return *this; }
  JsonWriter& begin_array() { comma(); out_.push_back('['); first_ = true; return *this; }
  JsonWriter& end_array() { out_.push_back(']'); first_ = false; return *this; }

  // Writes `"name":` — the next value call completes the member.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(int64_t n);
  JsonWriter& value(int n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(double d);
  JsonWriter& null();
  // Appends already-serialized JSON (a number formatted elsewhere, a cached fragment).
  JsonWriter& raw(std::string_view json);

  // Convenience: key + value.
  template <typename V>
  JsonWriter& member(std::string_view name, V&& v) { key(name); return value(std::forward<V>(v)); }
  JsonWriter& null_member(std::string_view name) { key(name); return null(); }

  static void append_escaped(std::string& out, std::string_view s);

 private:
  void comma() {
    if (after_key_) { after_key_ = false; return; }
    if (!first_) out_.push_back(',');
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace sfsync
