#include "emulator/bulk/ingest_columns.h"

namespace emu {

namespace {

sfsync::Error not_found(const std::string& name) {
  return sfsync::make_error("InvalidBatch", "Field name not found : " + name);
}

// "Account.External_Id__c" -> the AccountId lookup and Account's field.
std::optional<IngestColumn> relationship_column(const Catalog& catalog, const ObjectSchema& object,
                                                const std::string& header) {
  const size_t dot = header.find('.');
  const FieldSchema* lookup = object.relationship(std::string_view(header).substr(0, dot));
  if (!lookup || lookup->reference_to.empty()) return std::nullopt;
  const ObjectSchema* target = catalog.find(lookup->reference_to.front());
  if (!target) return std::nullopt;
  const FieldSchema* key = target->field(std::string_view(header).substr(dot + 1));
  if (!key || !(key->external_id || key->id_lookup)) return std::nullopt;
  IngestColumn c;
  c.kind = IngestColumn::Kind::Relationship;
  c.header = header;
  c.field = lookup;
  c.target = target;
  c.target_field = key;
  return c;
}

}  // namespace

sfsync::Result<std::vector<IngestColumn>> resolve_columns(const Catalog& catalog, const ObjectSchema& object,
                                                          const std::vector<std::string>& header) {
  std::vector<IngestColumn> columns;
  for (const auto& name : header) {
    if (name.find('.') != std::string::npos) {
      auto c = relationship_column(catalog, object, name);
      if (!c) return not_found(name);
      columns.push_back(std::move(*c));
      continue;
    }
    const FieldSchema* field = object.field(name);
    if (!field) return not_found(name);
    IngestColumn c;
    c.kind = field->type == FieldType::Id ? IngestColumn::Kind::Id : IngestColumn::Kind::Field;
    c.header = name;
    c.field = field;
    columns.push_back(std::move(c));
  }
  return columns;
}

}  // namespace emu
