// Audience syncs: a model of people → CampaignMembers of one Campaign, each mode read back.
#include "push_fixture.h"

using namespace push_test;

namespace {

class PushAudienceTest : public PushFixture {
 protected:
  void SetUp() override {
    PushFixture::SetUp();
    auto campaigns = query("SELECT Id FROM Campaign ORDER BY Id LIMIT 1");
    ASSERT_EQ(campaigns.size(), 1u);
    campaign_ = campaigns[0].at("Id");
    // Start from an empty campaign: the seeded org may already have members.
    for (const auto& m : query("SELECT Id FROM CampaignMember WHERE CampaignId = '" + campaign_ + "'"))
      ASSERT_EQ(http("DELETE", emulator_->url() + "/__admin/records/CampaignMember/" + m.at("Id")).status, 200);
    for (const auto& c : query("SELECT Id FROM Contact ORDER BY Id LIMIT 4")) people_.push_back(c.at("Id"));
    ASSERT_EQ(people_.size(), 4u);
    model_sql("CREATE TABLE audience(contact_id TEXT, status TEXT)");
  }

  void set_people(const std::vector<std::pair<int, std::string>>& who) {
    model_sql("DELETE FROM audience");
    for (const auto& [i, status] : who)
      model_sql("INSERT INTO audience VALUES ('" + people_[i] + "', '" + status + "')");
  }

  std::string sync(const std::string& mode) const {
    return "  - name: aud\n    kind: push\n    connection: crm\n"
           "    model: {connection: warehouse, sql: \"SELECT contact_id, status FROM audience\"}\n"
           "    destination:\n      object: CampaignMember\n"
           "      mapping:\n        - {column: contact_id, field: ContactId}\n"
           "      audience: {campaign_id: " + campaign_ + ", mode: " + mode +
           (mode == "upsert" ? ", status_field: status" : "") + "}\n";
  }

  // "index:status" of the campaign's members, sorted by person.
  std::string members() {
    std::string out;
    for (const auto& m : query("SELECT ContactId, Status FROM CampaignMember WHERE CampaignId = '" + campaign_ +
                               "' ORDER BY ContactId")) {
      for (size_t i = 0; i < people_.size(); ++i)
        if (people_[i] == m.at("ContactId")) out += std::to_string(i) + ":" + m.at("Status") + ";";
    }
    return out;
  }

  std::string campaign_;
  std::vector<std::string> people_;
};

}  // namespace

TEST_F(PushAudienceTest, AddMakesMembersOnceAndKeepsThoseWhoLeave) {
  set_people({{0, ""}, {1, ""}});
  auto first = push(sync("add"), "aud");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->created, 2) << first->reason;
  EXPECT_EQ(members(), "0:Sent;1:Sent;");
  int64_t writes = write_calls();
  auto again = push(sync("add"), "aud");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->counts.api_calls, 1);  // Describe only
  EXPECT_EQ(write_calls(), writes);
  set_people({{1, ""}, {2, ""}});
  ASSERT_TRUE(push(sync("add"), "aud").ok());
  EXPECT_EQ(members(), "0:Sent;1:Sent;2:Sent;");
}

TEST_F(PushAudienceTest, RemoveDeletesMemberships) {
  set_people({{0, ""}, {1, ""}, {2, ""}});
  ASSERT_TRUE(push(sync("add"), "aud").ok());
  set_people({{1, ""}, {3, ""}});  // 3 is no member: nothing to do
  auto removed = push(sync("remove"), "aud");
  ASSERT_TRUE(removed.ok()) << removed.error().message;
  EXPECT_EQ(removed->status, ExecutionStatus::Ok) << removed->reason;
  EXPECT_EQ(removed->deleted, 1);
  EXPECT_EQ(members(), "0:Sent;2:Sent;");
}

TEST_F(PushAudienceTest, MirrorAddsAndRemovesToMatchTheModel) {
  set_people({{0, ""}, {1, ""}, {2, ""}});
  ASSERT_TRUE(push(sync("mirror"), "aud").ok());
  EXPECT_EQ(members(), "0:Sent;1:Sent;2:Sent;");
  set_people({{2, ""}, {3, ""}});
  auto second = push(sync("mirror"), "aud");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->created, 1);
  EXPECT_EQ(second->deleted, 2);
  EXPECT_EQ(members(), "2:Sent;3:Sent;");
}

TEST_F(PushAudienceTest, UpsertSetsAndUpdatesTheStatus) {
  set_people({{0, "Planned"}, {1, "Sent"}});
  auto first = push(sync("upsert"), "aud");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(members(), "0:Planned;1:Sent;");
  set_people({{0, "Responded"}, {1, "Sent"}});
  auto second = push(sync("upsert"), "aud");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->changed, 1);
  EXPECT_EQ(second->updated, 1);
  EXPECT_EQ(members(), "0:Responded;1:Sent;");
}
