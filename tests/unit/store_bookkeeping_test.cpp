// Customer store: executions, record errors, sync state, secrets, schema versioning.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store_test_support.h"

using namespace sfsync;
using namespace sfsync::testing_store;

namespace {
const char* kKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

SqliteStore::Options with_key(const char* hex) {
  auto cipher = AesGcmCipher::from_hex(hex);
  EXPECT_TRUE(cipher);
  return SqliteStore::Options{std::shared_ptr<const SecretCipher>(std::move(cipher).value())};
}
}  // namespace

TEST(StoreExecutions, BeginFinishListAndErrors) {
  TempStore store;
  auto first = store->begin_execution("contacts", ExecutionKind::Pull);
  auto second = store->begin_execution("push_contacts", ExecutionKind::Push);
  ASSERT_TRUE(first && second);
  ExecutionCounts counts;
  counts.read = 10;
  counts.written = 7;
  counts.skipped = 2;
  counts.failed = 1;
  counts.api_calls = 3;
  counts.skipped_by_reason = {{"no_valid_identifier", 2}};
  ASSERT_TRUE(store->finish_execution(*first, ExecutionStatus::Partial, "2 records skipped, 1 failed", counts,
                                      R"({"api_usage":"120/15000"})"));
  ASSERT_TRUE(store->add_record_errors(*first, {{"003A", "no_valid_identifier", "no email", true},
                                                {"003B", "bad_value", "not a date", false}}));

  auto all = store->list_executions("", 10);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, *second) << "newest first";
  EXPECT_EQ((*all)[0].status, ExecutionStatus::Running);
  EXPECT_EQ((*all)[0].kind, ExecutionKind::Push);
  const Execution& e = (*all)[1];
  EXPECT_EQ(e.status, ExecutionStatus::Partial);
  EXPECT_EQ(e.reason, "2 records skipped, 1 failed");
  EXPECT_TRUE(e.ended_ms.has_value());
  EXPECT_EQ(e.counts.read, 10);
  EXPECT_EQ(e.counts.written, 7);
  EXPECT_EQ(e.counts.skipped, 2);
  EXPECT_EQ(e.counts.failed, 1);
  EXPECT_EQ(e.counts.api_calls, 3);
  EXPECT_EQ(e.counts.skipped_by_reason.at("no_valid_identifier"), 2);
  EXPECT_EQ(e.detail_json, R"({"api_usage":"120/15000"})");

  auto only = store->list_executions("contacts", 10);
  ASSERT_TRUE(only);
  ASSERT_EQ(only->size(), 1u);
  auto got = store->get_execution(*first);
  ASSERT_TRUE(got && got->has_value());
  EXPECT_EQ((*got)->sync_id, "contacts");

  auto errors = store->execution_errors(*first, 10);
  ASSERT_TRUE(errors);
  ASSERT_EQ(errors->size(), 2u);
  EXPECT_EQ((*errors)[1].record_id, "003B");
  EXPECT_EQ((*errors)[1].message, "not a date");
  EXPECT_TRUE(store->execution_errors(*second, 10)->empty());

  auto missing = store->finish_execution(999, ExecutionStatus::Ok, "", {}, "{}");
  EXPECT_FALSE(missing.ok());
}

TEST(StoreSyncState, ReadResetAndFingerprint) {
  TempStore store;
  auto none = store->read_sync_state("contacts");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  write_page(*store, {}, "cursor-1");
  auto state = store->read_sync_state("contacts");
  ASSERT_TRUE(state && state->has_value());
  EXPECT_EQ((*state)->checkpoint, "cursor-1");
  EXPECT_EQ((*state)->fingerprint, "fp1");
  ASSERT_TRUE(store->reset_sync_state("contacts"));
  EXPECT_FALSE(store->read_sync_state("contacts")->has_value());
}

TEST(StoreSecrets, RoundTripEncryptedAtRest) {
  TempStore store;
  store.reopen(with_key(kKeyHex));
  ASSERT_TRUE(store->put_secret("sf_prod.refresh_token", "5Aep861-very-secret"));
  auto back = store->get_secret("sf_prod.refresh_token");
  ASSERT_TRUE(back && back->has_value());
  EXPECT_EQ(**back, "5Aep861-very-secret");
  auto none = store->get_secret("other");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());

  // The store never holds the plaintext.
  EXPECT_EQ(store.count("SELECT count(*) FROM secrets"), 1);
  EXPECT_EQ(store.count(testing_postgres()
                            ? "SELECT count(*) FROM secrets WHERE position('very-secret'::bytea IN blob) > 0"
                            : "SELECT count(*) FROM secrets WHERE instr(blob, CAST('very-secret' AS BLOB)) > 0"),
            0);

  // Another key cannot read it; no key at all is a configuration error.
  store.reopen(with_key("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
  auto wrong = store->get_secret("sf_prod.refresh_token");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, "crypto");
  store.reopen();
  EXPECT_EQ(store->put_secret("x", "y").error().code, "bad_config");
}

TEST(StoreSecrets, KeyParsing) {
  EXPECT_TRUE(AesGcmCipher::from_hex(kKeyHex));
  EXPECT_FALSE(AesGcmCipher::from_hex("abc"));
  EXPECT_FALSE(AesGcmCipher::from_hex(std::string(64, 'z')));
  AesGcmCipher cipher(std::string(32, 'k'));
  auto blob = cipher.encrypt("a", "token");
  ASSERT_TRUE(blob);
  EXPECT_FALSE(cipher.decrypt("b", *blob)) << "a blob is bound to its name";
  EXPECT_EQ(cipher.decrypt("a", *blob).value(), "token");
}

TEST(StoreSchema, ReopensExistingStoreAndRefusesNewerSchema) {
  TempStore store;
  write_page(*store, {record(profile(src("003A", 1), {email("a@x.com")}))});
  store.reopen();
  EXPECT_EQ(counts(*store).profiles, 1);
  EXPECT_EQ(store.open_error(), "");
  store.execute("UPDATE schema_version SET version = 99");
  EXPECT_EQ(store.open_error(), "schema");
}

TEST(StoreLease, OneRunOfASyncAtATime) {
  TempStore store;
  auto first = store->lease_sync("contacts");
  ASSERT_TRUE(first) << first.error().message;
  auto other_store = store.open_another();  // another process, or another worker of the store
  ASSERT_TRUE(other_store);
  auto second = (*other_store)->lease_sync("contacts");
  ASSERT_FALSE(second) << "two runs of one sync at once";
  EXPECT_EQ(second.error().code, "busy");
  EXPECT_NE(second.error().message.find("already running"), std::string::npos) << second.error().message;
  EXPECT_TRUE((*other_store)->lease_sync("leads")) << "other syncs run meanwhile";
  first->reset();
  EXPECT_TRUE((*other_store)->lease_sync("contacts")) << "released with the lease";
}
