#include "sinks/salesforce/audience_writer.h"

#include <simdjson.h>

#include "common/json_writer.h"
#include "salesforce/query_pager.h"
#include "sinks/salesforce/collections_writer.h"

namespace sfsync {

namespace {

std::string member(simdjson::dom::element obj, const char* name) {
  std::string_view v;
  if (obj[name].get(v)) return {};
  return std::string(v);
}

std::string json_object(std::initializer_list<std::pair<const char*, std::string>> members) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  for (const auto& [k, v] : members)
    if (!v.empty()) w.member(k, v);
  w.end_object();
  return out;
}

}  // namespace

AudienceWriter::AudienceWriter(SalesforceClient& client, const AudienceSpec& audience, std::string person_field)
    : client_(client), audience_(audience), person_field_(std::move(person_field)) {}

Result<void> AudienceWriter::load_members() {
  if (loaded_) return {};
  // Campaign ids come from the config; keeping only id characters stops a stray quote changing the query.
  std::string campaign;
  for (char c : audience_.campaign_id)
    if (std::isalnum(static_cast<unsigned char>(c))) campaign.push_back(c);
  std::string soql = "SELECT Id, " + person_field_ + ", Status FROM CampaignMember WHERE CampaignId = '" + campaign +
                     "' AND " + person_field_ + " != null";
  auto read = for_each_query_record(client_, soql, "CampaignMember query", [&](simdjson::dom::element r) {
    std::string person = member(r, person_field_.c_str());
    members_[person.substr(0, 15)] = {member(r, "Id"), member(r, "Status")};
  });
  if (!read) return read;
  loaded_ = true;
  return {};
}

Result<void> AudienceWriter::send(const std::string& op, const std::vector<size_t>& rows,
                                  const std::vector<std::string>& bodies, std::vector<WriteResult>& results) {
  if (rows.empty()) return {};
  WriteTarget target;
  target.object = "CampaignMember";
  target.op = op == "insert" ? WriteOp::Insert : op == "update" ? WriteOp::Update : WriteOp::Delete;
  auto answer = write_collection(client_, target, bodies);
  if (!answer) return answer.error();
  for (size_t i = 0; i < rows.size(); ++i) {
    WriteResult r = (*answer)[i];
    r.deleted = r.success && target.op == WriteOp::Delete;
    if (r.deleted) r.id.clear();
    results[rows[i]] = std::move(r);
  }
  return {};
}

Result<std::vector<WriteResult>> AudienceWriter::write(const std::vector<std::string>& records) {
  std::vector<WriteResult> results(records.size());
  if (records.empty()) return results;
  if (auto r = load_members(); !r) return r.error();
  simdjson::dom::parser parser;
  std::vector<size_t> inserts, updates, deletes;
  std::vector<std::string> insert_bodies, update_bodies, delete_ids;
  for (size_t i = 0; i < records.size(); ++i) {
    simdjson::dom::element obj;
    if (parser.parse(records[i]).get(obj)) return make_error("internal", "bad spooled audience row");
    Wanted want{member(obj, person_field_.c_str()), member(obj, "Status")};
    auto found = members_.find(want.person.substr(0, 15));
    WriteResult& done = results[i];  // the no-call outcomes
    done.success = true;
    if (audience_.mode == AudienceMode::Remove) {
      if (found == members_.end()) continue;
      deletes.push_back(i);
      delete_ids.push_back(found->second.id);
      members_.erase(found);
    } else if (found == members_.end()) {
      inserts.push_back(i);
      insert_bodies.push_back(json_object({{"CampaignId", audience_.campaign_id}, {person_field_.c_str(), want.person},
                                           {"Status", audience_.mode == AudienceMode::Upsert ? want.status : ""}}));
    } else if (audience_.mode == AudienceMode::Upsert && !want.status.empty() && want.status != found->second.status) {
      updates.push_back(i);
      update_bodies.push_back(json_object({{"Id", found->second.id}, {"Status", want.status}}));
      found->second.status = want.status;
    } else {
      done.id = found->second.id;
    }
  }
  if (auto r = send("insert", inserts, insert_bodies, results); !r) return r.error();
  if (auto r = send("update", updates, update_bodies, results); !r) return r.error();
  if (auto r = send("delete", deletes, delete_ids, results); !r) return r.error();
  for (size_t i : inserts)
    if (results[i].success) {
      simdjson::dom::element obj;
      if (!parser.parse(records[i]).get(obj)) members_[member(obj, person_field_.c_str()).substr(0, 15)] = {results[i].id, ""};
    }
  return results;
}

}  // namespace sfsync
