#include <gtest/gtest.h>

#include "sources/salesforce/cursor.h"
#include "sources/salesforce/soql_builder.h"

using namespace sfsync;

TEST(SoqlBuilder, IncrementalUsesStampAndIdTieBreak) {
  ObjectQuery q;
  q.object = "Contact";
  q.fields = {"Id", "Email", "SystemModstamp"};
  q.filter = "Email != null";
  q.cursor_field = "SystemModstamp";
  q.incremental = true;
  q.after = Cursor{1704164645000, "003000000000001AAA"};
  q.upper_ms = 1704164700000;
  EXPECT_EQ(build_object_soql(q),
            "SELECT Id, Email, SystemModstamp FROM Contact WHERE (Email != null) AND "
            "(SystemModstamp > 2024-01-02T03:04:05.000Z OR (SystemModstamp = 2024-01-02T03:04:05.000Z AND "
            "Id > '003000000000001AAA')) AND SystemModstamp <= 2024-01-02T03:05:00.000Z "
            "ORDER BY SystemModstamp ASC, Id ASC");
}

TEST(SoqlBuilder, FirstRunHasNoLowerBound) {
  ObjectQuery q;
  q.object = "Lead";
  q.fields = {"Id"};
  q.cursor_field = "SystemModstamp";
  q.incremental = true;
  q.upper_ms = 1000;
  EXPECT_EQ(build_object_soql(q),
            "SELECT Id FROM Lead WHERE SystemModstamp <= 1970-01-01T00:00:01.000Z ORDER BY SystemModstamp ASC, Id ASC");
}

TEST(SoqlBuilder, FirstReadGoesInIdOrderUnderItsBound) {
  ObjectQuery q;
  q.object = "Contact";
  q.fields = {"Id"};
  q.filter = "Email != null";
  q.cursor_field = "SystemModstamp";
  q.incremental = true;
  q.upper_ms = 999000;  // a resumed read keeps the bound it started with, not this run's
  q.after = Cursor{1000, "", true};
  EXPECT_EQ(build_object_soql(q),
            "SELECT Id FROM Contact WHERE (Email != null) AND SystemModstamp <= 1970-01-01T00:00:01.000Z "
            "ORDER BY Id ASC");
  q.after.id = "003000000000009AAA";
  EXPECT_EQ(build_object_soql(q),
            "SELECT Id FROM Contact WHERE (Email != null) AND Id > '003000000000009AAA' AND "
            "SystemModstamp <= 1970-01-01T00:00:01.000Z ORDER BY Id ASC");
}

TEST(SoqlBuilder, AfterACompleteIdOrderReadEverythingAboveTheBoundIsNew) {
  ObjectQuery q;
  q.object = "Contact";
  q.fields = {"Id"};
  q.cursor_field = "SystemModstamp";
  q.incremental = true;
  q.after = Cursor{1000, "", false};
  q.upper_ms = 5000;
  EXPECT_EQ(build_object_soql(q),
            "SELECT Id FROM Contact WHERE SystemModstamp > 1970-01-01T00:00:01.000Z AND "
            "SystemModstamp <= 1970-01-01T00:00:05.000Z ORDER BY SystemModstamp ASC, Id ASC");
}

TEST(SoqlBuilder, CustomSoqlPlaceholder) {
  EXPECT_EQ(expand_custom_soql("SELECT Id FROM Contact WHERE LastModifiedDate > {lastSyncTime}", 0),
            "SELECT Id FROM Contact WHERE LastModifiedDate > 1970-01-01T00:00:00.000Z");
}

TEST(SoqlBuilder, StringLiteralsAreEscaped) { EXPECT_EQ(soql_string("it's \\"), "'it\\'s \\\\'"); }

TEST(Cursor, RoundTripsAndRejectsGarbage) {
  Cursor c{1704164645000, "003000000000001AAA"};
  auto back = Cursor::parse(c.serialize());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->stamp_ms, c.stamp_ms);
  EXPECT_EQ(back->id, c.id);
  EXPECT_TRUE(Cursor::parse("")->empty());
  EXPECT_FALSE(Cursor::parse("nonsense").has_value());
}

TEST(Cursor, IdOrderCursorsRoundTrip) {
  for (Cursor c : {Cursor{5000, "", true}, Cursor{5000, "003000000000001AAA", true}, Cursor{5000, "", false}}) {
    auto back = Cursor::parse(c.serialize());
    ASSERT_TRUE(back.has_value()) << c.serialize();
    EXPECT_EQ(back->stamp_ms, c.stamp_ms);
    EXPECT_EQ(back->id, c.id);
    EXPECT_EQ(back->by_id, c.by_id);
    EXPECT_FALSE(back->empty());
  }
  EXPECT_EQ((Cursor{5000, "", true}.serialize()), "id:5000|");
  EXPECT_FALSE(Cursor::parse("id:|x").has_value());
  EXPECT_FALSE(Cursor::parse("12x|x").has_value());
}

// The bound of the run that wrote an incremental cursor rides along; stores written before it
// was kept read as 0 (unknown).
TEST(Cursor, KeepsTheBoundOfTheRunThatWroteIt) {
  Cursor c{5000, "003000000000001AAA"};
  c.read_to_ms = 9000;
  EXPECT_EQ(c.serialize(), "5000|003000000000001AAA|9000");
  auto back = Cursor::parse(c.serialize());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->id, "003000000000001AAA");
  EXPECT_EQ(back->read_to_ms, 9000);
  EXPECT_EQ(Cursor::parse("5000|003000000000001AAA")->read_to_ms, 0);
  EXPECT_EQ(Cursor::parse("5000||9000")->id, "");
  EXPECT_EQ(Cursor::parse("5000||9000")->read_to_ms, 9000);
  EXPECT_FALSE(Cursor::parse("5000|003|9x").has_value());
  EXPECT_FALSE(Cursor::parse("id:5000|003|9000").has_value()) << "an Id-order read's bound is its stamp";
}

// How far the delete log was read rides along too, after the bound (0 when that is unknown).
TEST(Cursor, KeepsHowFarTheDeleteLogWasRead) {
  Cursor c{5000, "003000000000001AAA"};
  c.read_to_ms = 9000;
  c.deleted_to_ms = 60000;
  EXPECT_EQ(c.serialize(), "5000|003000000000001AAA|9000|60000");
  auto back = Cursor::parse(c.serialize());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->read_to_ms, 9000);
  EXPECT_EQ(back->deleted_to_ms, 60000);
  c.read_to_ms = 0;
  EXPECT_EQ(c.serialize(), "5000|003000000000001AAA|0|60000");
  EXPECT_EQ(Cursor::parse(c.serialize())->deleted_to_ms, 60000);
  EXPECT_EQ(Cursor::parse("5000|003|9000")->deleted_to_ms, 0);
  EXPECT_FALSE(Cursor::parse("5000|003|9000|6x").has_value());
  EXPECT_FALSE(Cursor::parse("5000|003|9000|").has_value());
  EXPECT_EQ((Cursor{5000, "", true, 0, 60000}.serialize()), "id:5000|") << "an Id-order read has no log to follow";
}

TEST(Cursor, CoversWhatWasReadUpToIt) {
  Cursor c{5000, "003B"};
  EXPECT_TRUE(c.covers(4000, "003Z"));
  EXPECT_TRUE(c.covers(5000, "003A"));
  EXPECT_TRUE(c.covers(5000, "003B"));
  EXPECT_FALSE(c.covers(5000, "003C"));
  EXPECT_FALSE(c.covers(5001, "003A"));
  Cursor whole{5000, ""};  // every record stamped 5000 read
  EXPECT_TRUE(whole.covers(5000, "003Z"));
  EXPECT_FALSE(whole.covers(5001, ""));
}

TEST(SoqlBuilder, IdLookupNamesTheIdsOnlyNoBoundOrFilter) {
  EXPECT_EQ(build_id_lookup_soql("Contact", {"Id", "IsDeleted", "SystemModstamp"}, {"003A", "003B'x"}),
            "SELECT Id, IsDeleted, SystemModstamp FROM Contact WHERE (Id IN ('003A', '003B\\'x'))");
}
