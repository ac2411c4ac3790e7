// Plausible values from field metadata alone, for objects without a dedicated generator
// (products, price books, assets, quotes, orders, service appointments, custom objects).
#include <cmath>
#include <cstdio>
#include <vector>

#include "emulator/org/generator_internal.h"

namespace emu::gen {
namespace {

constexpr int64_t kDay = 86400;

// Fields the org fills (system fields) or derives (formulas) are not generated.
bool generated_by_org(const FieldSchema& f) {
  static const char* kSystem[] = {"Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate",
                                  "LastModifiedById", "SystemModstamp", "OwnerId"};
  for (const char* s : kSystem)
    if (f.name == s) return true;
  return f.calculated || (!f.createable && !f.auto_number);
}

std::string sequence_text(const char* prefix, int64_t n) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%08lld", prefix, static_cast<long long>(n));
  return buf;
}

double rounded(double v, int scale) {
  double p = std::pow(10.0, std::min(scale, 6));
  return std::round(v * p) / p;
}

std::string truncated(std::string s, int length) {
  if (length > 0 && static_cast<int>(s.size()) > length) s.resize(static_cast<size_t>(length));
  return s;
}

// A value for one field of record number `n` (1-based within the object, unique per object).
FieldValue value_for(const FieldSchema& f, const ObjectSchema& object, int64_t n, int64_t created_s, Context& ctx,
                     fake::Rng& rng, fake::Country country) {
  if (f.auto_number) return sequence_text("", n);
  if (f.name_field) return truncated(object.label + " " + std::to_string(n), f.length);
  if (f.external_id || f.unique) return truncated(sequence_text("EXT-", n), f.length);
  switch (f.type) {
    case FieldType::String: return truncated(fake::sentence(rng, 1, 3), f.length);
    case FieldType::TextArea: return truncated(fake::sentence(rng, 4, 14), f.length);
    case FieldType::Email: {
      fake::PersonName p = fake::person(rng, country);
      return fake::email(rng, p.first, p.last, "", country, static_cast<uint64_t>(n));
    }
    case FieldType::Phone: return fake::phone(rng, country);
    case FieldType::Url: return "https://www." + fake::ascii_slug(fake::sentence(rng, 1, 2)) + ".com";
    case FieldType::Picklist:
    case FieldType::Combobox:
      return f.picklist_values.empty() ? FieldValue{} : FieldValue(rng.pick(f.picklist_values).value);
    case FieldType::MultiPicklist: {
      if (f.picklist_values.empty()) return {};
      std::string a = rng.pick(f.picklist_values).value, b = rng.pick(f.picklist_values).value;
      return a == b ? a : a + ";" + b;
    }
    case FieldType::Boolean: return rng.chance(0.3);
    case FieldType::Int: return static_cast<int64_t>(rng.between(0, f.digits >= 5 ? 10000 : 100));
    case FieldType::Percent: return rounded(rng.unit() * 100, f.scale);
    case FieldType::Double:
    case FieldType::Currency: return rounded(rng.unit() * 10000, f.scale);
    case FieldType::Date: return date_text(created_s + rng.between(-30, 365) * kDay);
    case FieldType::DateTime: return (created_s + rng.between(0, 30 * kDay)) * 1000;
    case FieldType::Time: {
      char buf[24];
      std::snprintf(buf, sizeof buf, "%02d:%02d:00.000Z", static_cast<int>(rng.below(24)), static_cast<int>(rng.below(4) * 15));
      return std::string(buf);
    }
    case FieldType::Reference:
      for (const auto& target : f.reference_to)
        if (std::string id = ctx.random_id(rng, target); !id.empty()) return id;
      return {};
    default: return {};
  }
}

}  // namespace

sfsync::Result<void> generate_generic(Context& ctx, const ObjectSchema& object, int64_t count) {
  auto batch = Batch::start(ctx, object.name, count);
  if (!batch) return batch.error();
  Batch& b = *batch.value();
  Row& row = b.row();
  fake::Rng& rng = b.rng();
  const int64_t first_number = row_count(ctx.db, object) + 1;
  // Address components get one coherent address instead of unrelated words.
  std::vector<AddressSlots> addresses;
  for (const auto& f : object.fields)
    if (f.type == FieldType::Address)  // "MailingAddress" -> components "Mailing..."
      addresses.emplace_back(b.inserter(), f.name.substr(0, f.name.size() - std::string_view("Address").size()));
  return b.run([&](int64_t i, int64_t created_s) {
    fake::Country country = fake::pick_country(rng);
    for (int s = 0; s < b.inserter().slot_count(); ++s) {
      const FieldSchema& f = *b.inserter().field_at(s);
      if (generated_by_org(f) || !f.compound_field_name.empty()) continue;
      bool must = !f.nillable || f.name_field || f.auto_number || f.external_id || f.unique;
      if (!must && !rng.chance(0.7)) continue;
      row.set(s, value_for(f, object, first_number + i, created_s, ctx, rng, country));
    }
    for (const auto& a : addresses)
      if (rng.chance(0.7)) a.set(row, fake::address(rng, country), rng, rng.chance(0.3));
  });
}

}  // namespace emu::gen
