// AudienceWriter: a model of people → membership of one Campaign (CampaignMember records).
//
// Rows are record_json() objects holding the person (ContactId or LeadId) and, for `upsert`,
// the Status. The campaign's current members are read once (one query, paged) the first time a
// batch needs them, so an unchanged rerun makes no call at all. Per mode:
//   add / mirror — not a member: insert; already a member: nothing to do (success);
//   upsert       — not a member: insert with Status; a member with another Status: update it;
//   remove       — a member: delete the CampaignMember; not a member: nothing to do.
// (mirror's removals are the runner's: members this sync added whose person left the model.)
// Results are one WriteResult per row, like write_collection(), so the runner treats both alike.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "config/config.h"
#include "salesforce/salesforce_client.h"
#include "sinks/salesforce/write_result.h"

namespace sfsync {

class AudienceWriter {
 public:
  // person_field: "ContactId" or "LeadId".
  AudienceWriter(SalesforceClient& client, const AudienceSpec& audience, std::string person_field);
  Result<std::vector<WriteResult>> write(const std::vector<std::string>& records);

 private:
  struct Member {
    std::string id;
    std::string status;
  };
  struct Wanted {
    std::string person;
    std::string status;  // "" = not mapped / empty
  };
  Result<void> load_members();
  Result<void> send(const std::string& op, const std::vector<size_t>& rows, const std::vector<std::string>& bodies,
                    std::vector<WriteResult>& results);

  SalesforceClient& client_;
  AudienceSpec audience_;
  std::string person_field_;
  bool loaded_ = false;
  std::map<std::string, Member> members_;  // by 18-char person id
};

}  // namespace sfsync
