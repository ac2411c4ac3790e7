#include <gtest/gtest.h>

#include "common/json_writer.h"
#include "common/result.h"
#include "common/text.h"
#include "common/time_util.h"

using namespace sfsync;

TEST(TimeUtil, FormatsSalesforceDatetime) {
  EXPECT_EQ(format_sf_datetime(0), "1970-01-01T00:00:00.000+0000");
  EXPECT_EQ(format_sf_datetime(1704164645123), "2024-01-02T03:04:05.123+0000");
  EXPECT_EQ(format_iso_datetime_z(1704164645000), "2024-01-02T03:04:05.000Z");
}

TEST(TimeUtil, ParsesIsoVariants) {
  EXPECT_EQ(parse_iso_datetime("2024-01-02T03:04:05.123+0000"), 1704164645123);
  EXPECT_EQ(parse_iso_datetime("2024-01-02T03:04:05Z"), 1704164645000);
  EXPECT_EQ(parse_iso_datetime("2024-01-02T05:04:05+02:00"), 1704164645000);
  EXPECT_EQ(parse_iso_datetime("2024-01-01T22:04:05-05:00"), 1704164645000);
  EXPECT_FALSE(parse_iso_datetime("2024-01-02T03:04:05").has_value());
  EXPECT_EQ(parse_iso_datetime("2024-01-02T03:04:05", true), 1704164645000);
  EXPECT_FALSE(parse_iso_datetime("2024-13-02T03:04:05Z").has_value());
  EXPECT_FALSE(parse_iso_datetime("garbage").has_value());
}

TEST(TimeUtil, ParsesUtcOffsets) {
  EXPECT_EQ(parse_utc_offset("Z"), 0);
  EXPECT_EQ(parse_utc_offset("-06:00"), -360);
  EXPECT_EQ(parse_utc_offset("+0530"), 330);
  for (const char* bad : {"", "z", "06:00", "+5:30", "+05:60", "+05:3", "-6", "CST"})
    EXPECT_FALSE(parse_utc_offset(bad).has_value()) << bad;
}

TEST(TimeUtil, DatesRoundTrip) {
  auto d = parse_date("2024-02-29");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(format_date(*d), "2024-02-29");
  EXPECT_FALSE(parse_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_date("2024-1-02").has_value());
}

TEST(JsonWriter, EscapesAndNests) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().member("a", "x\"y\n\x01").key("b").begin_array().value(int64_t{1}).value(2.5)
      .value(300.0).null().end_array().member("c", true).end_object();
  EXPECT_EQ(out, R"({"a":"x\"y\n\u0001","b":[1,2.5,300.0,null],"c":true})");
}

TEST(ResultType, CarriesValueOrError) {
  Result<int> ok = 5;
  Result<int> bad = make_error("bad_config", "missing key");
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 5);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "bad_config");
}

TEST(Text, PadRightCountsCharactersNotBytes) {
  EXPECT_EQ(pad_right("Julia", 7), "Julia  ");
  EXPECT_EQ(pad_right("J\xC3\xBAlia", 7), "J\xC3\xBAlia  ");  // "Júlia": 6 bytes, 5 characters
  EXPECT_EQ(pad_right("\xE5\xB1\xB1\xE7\x94\xB0", 4), "\xE5\xB1\xB1\xE7\x94\xB0  ");  // two 3-byte characters
  EXPECT_EQ(pad_right("longer than width", 4), "longer than width");
  EXPECT_EQ(pad_right("", 2), "  ");
}

TEST(Text, TrimBlanks) {
  EXPECT_EQ(trim_blanks("  http://h/?code=x\r"), "http://h/?code=x");
  EXPECT_EQ(trim_blanks("\t a b \t"), "a b");
  EXPECT_EQ(trim_blanks(" \r\t "), "");
  EXPECT_EQ(trim_blanks(""), "");
}

TEST(Text, OneLineJoinsWrappedAndFollowingLines) {
  EXPECT_EQ(sfsync::one_line("ERROR:  syntax error at or near \"FRM\"\nLINE 1: SELECT 1 FRM t\n"),
            "ERROR:  syntax error at or near \"FRM\"; LINE 1: SELECT 1 FRM t");
  EXPECT_EQ(sfsync::one_line("connection to server failed: Connection refused\n\tIs the server running\n"
                             "\tand accepting connections?\r\n"),
            "connection to server failed: Connection refused; Is the server running and accepting connections?");
  EXPECT_EQ(sfsync::one_line("only\r\n\r\n"), "only");
  EXPECT_EQ(sfsync::one_line(""), "");
}
