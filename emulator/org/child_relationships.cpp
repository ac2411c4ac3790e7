#include "emulator/org/child_relationships.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

namespace emu {
namespace {

// "Opportunity" -> "Opportunities", "Contact" -> "Contacts", "PricebookEntry" -> "PricebookEntries".
std::string plural_api_name(std::string_view name) {
  std::string out(name);
  if (out.size() > 1 && out.back() == 'y' && !std::strchr("aeiou", out[out.size() - 2])) {
    out.pop_back();
    return out + "ies";
  }
  return out + "s";
}

std::string custom_relationship_name(const ObjectSchema& child) {
  std::string out;
  for (char c : child.label_plural)
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(c);
  return out + "__r";
}

// Lookups the org maintains itself have no child relationship name.
bool is_system_lookup(const FieldSchema& f) {
  static const std::set<std::string> kSystem = {"OwnerId", "CreatedById", "LastModifiedById", "MasterRecordId"};
  return kSystem.count(f.name) > 0 || !f.createable;
}

std::string relationship_name_for(const ObjectSchema& parent, const ObjectSchema& child, const FieldSchema& f) {
  if (f.custom) return custom_relationship_name(child);
  if (is_system_lookup(f)) return {};
  if (f.name == "ParentId" && &parent == &child && child.name != "Case") return "Child" + plural_api_name(child.name);
  return plural_api_name(child.name);
}

bool points_to(const FieldSchema& f, const ObjectSchema& parent) {
  if (f.type != FieldType::Reference) return false;
  return std::any_of(f.reference_to.begin(), f.reference_to.end(),
                     [&](const std::string& t) { return iequals(t, parent.name); });
}

}  // namespace

std::vector<ChildRelationship> child_relationships(const Catalog& catalog, const ObjectSchema& parent) {
  std::vector<const ObjectSchema*> children;
  for (const auto& o : catalog.objects()) children.push_back(o.get());
  std::sort(children.begin(), children.end(),
            [](const ObjectSchema* a, const ObjectSchema* b) { return a->name < b->name; });

  std::vector<ChildRelationship> out;
  std::set<std::string> used;
  for (const ObjectSchema* child : children) {
    for (const auto& f : child->fields) {
      if (!points_to(f, parent)) continue;
      ChildRelationship r;
      r.child = child;
      r.field = &f;
      r.relationship_name = relationship_name_for(parent, *child, f);
      if (!r.relationship_name.empty() && !used.insert(to_lower(r.relationship_name)).second)
        r.relationship_name.clear();  // a second lookup to the same parent: Salesforce leaves it unnamed
      r.cascade_delete = !f.nillable && f.createable && !f.updateable;
      out.push_back(std::move(r));
    }
  }
  return out;
}

const ChildRelationship* find_child_relationship(const std::vector<ChildRelationship>& relationships,
                                                 std::string_view name) {
  for (const auto& r : relationships)
    if (!r.relationship_name.empty() && iequals(r.relationship_name, name)) return &r;
  return nullptr;
}

}  // namespace emu
