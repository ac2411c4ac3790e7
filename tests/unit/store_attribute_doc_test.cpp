// Customer store: attribute documents (attribute_doc.h). A new profile's document is written
// straight from the record's values (new_document_json); it must be byte for byte the document
// the general path (entries, from_writes, to_json) makes, or a re-read record would look changed.
#include <gtest/gtest.h>

#include <limits>

#include "sinks/store/attribute_doc.h"

using namespace sfsync;
using namespace sfsync::store;

namespace {

std::string general_path(const std::vector<Attribute>& attributes, const SourceRef& source) {
  return AttributeDoc::of_record(attributes, source).to_json();
}

std::vector<Attribute> every_kind_of_value() {
  return {{"zip", Value::string("75001")},
          {"city", Value::string("Paris \"centre\"\\\n\t")},  // escapes
          {"score", Value::integer(-42)},
          {"ratio", Value::real(0.25)},
          {"whole", Value::real(300)},
          {"nan", Value::real(std::numeric_limits<double>::quiet_NaN())},
          {"amount", Value::decimal("1234.50")},
          {"opted_out", Value::boolean(true)},
          {"birthday", Value::date(-365)},
          {"seen_at", Value::datetime(1700000000123)},
          {"call_at", Value::time("09:30:00.000Z")},
          {"nothing", Value::null()},
          {"Name", Value::string("Zoë Müller")},  // upper case sorts first; UTF-8
          {"", Value::string("empty name")}};
}

}  // namespace

TEST(AttributeDoc, NewDocumentIsTheDocumentOfItsWrites) {
  SourceRef source{"contacts", "003A", 1700000000000};
  std::vector<Attribute> attributes = every_kind_of_value();
  std::string json = new_document_json(attributes, source);
  EXPECT_EQ(json, general_path(attributes, source));
  EXPECT_EQ(AttributeDoc::parse(json).entries().size(), attributes.size());
  EXPECT_EQ(AttributeDoc::parse(json).to_json(), json);  // what the store reads back, it writes again
}

TEST(AttributeDoc, NewDocumentOfNoAttributesIsEmpty) {
  SourceRef source{"contacts", "003A", 1};
  EXPECT_EQ(new_document_json({}, source), "{}");
  EXPECT_EQ(general_path({}, source), "{}");
}

TEST(AttributeDoc, NewDocumentEscapesTheSyncOnce) {
  SourceRef source{"sync \"quoted\"", "003A", 5};
  std::vector<Attribute> attributes = {{"b", Value::integer(2)}, {"a", Value::integer(1)}};
  std::string json = new_document_json(attributes, source);
  EXPECT_EQ(json, "{\"a\":[\"int\",1,5,\"sync \\\"quoted\\\"\"],\"b\":[\"int\",2,5,\"sync \\\"quoted\\\"\"]}");
  EXPECT_EQ(json, general_path(attributes, source));
}

// Two fields mapped to one attribute: one entry, the same winner as the general path.
TEST(AttributeDoc, NewDocumentKeepsOneWinnerPerName) {
  SourceRef source{"contacts", "003A", 7};
  std::vector<Attribute> attributes = {{"phone", Value::string("+33 1")}, {"city", Value::string("Lyon")},
                                       {"phone", Value::string("+33 2")}};
  std::string json = new_document_json(attributes, source);
  EXPECT_EQ(json, general_path(attributes, source));
  AttributeDoc doc = AttributeDoc::parse(json);
  ASSERT_EQ(doc.entries().size(), 2u);
  EXPECT_EQ(doc.entries()[1].value_json, "\"+33 2\"");  // equal time and sync: the greater value wins
}
