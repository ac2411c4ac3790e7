// DeCheckpoint: the text a Data Extension pull stores with each page.
#include <gtest/gtest.h>

#include "sources/data_extension/de_checkpoint.h"

using namespace sfsync;

TEST(DeCheckpoint, RoundTripsAPositionAndATrackedSweep) {
  DeCheckpoint cp;
  cp.sort_value = "6/23/2024 3:04:05 PM";
  cp.seen = {"SUB-1", "SUB-2"};
  auto plain = DeCheckpoint::parse(cp.serialize());
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->sort_value, cp.sort_value);
  EXPECT_EQ(plain->seen, cp.seen);
  EXPECT_FALSE(plain->tracked || plain->sweeping || plain->complete);
  EXPECT_EQ(cp.serialize().find("tracked"), std::string::npos) << "untracked checkpoints keep their old form";

  cp.tracked = cp.sweeping = true;
  cp.swept_to = "SUB-9";
  auto swept = DeCheckpoint::parse(cp.serialize());
  ASSERT_TRUE(swept.has_value());
  EXPECT_TRUE(swept->tracked && swept->sweeping);
  EXPECT_EQ(swept->swept_to, "SUB-9");
}

TEST(DeCheckpoint, ASweepOutsideATrackedPassIsIgnoredAndGarbageRefused) {
  auto cp = DeCheckpoint::parse(R"({"v":1,"after":"x","seen":[],"complete":false,"sweeping":true})");
  ASSERT_TRUE(cp.has_value());
  EXPECT_FALSE(cp->sweeping);
  EXPECT_FALSE(DeCheckpoint::parse("soql|123").has_value());
  EXPECT_TRUE(DeCheckpoint::parse("").has_value());
}
