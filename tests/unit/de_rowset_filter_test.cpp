// rowset_filter: a sync's filter rules as the Marketing Cloud rowset API's $filter.
#include <gtest/gtest.h>

#include "sources/data_extension/de_page_source.h"

using namespace sfsync;

TEST(RowsetFilter, RulesBecomeOneAndedExpression) {
  std::vector<FilterRule> rules{{"Points", FilterOp::Gte, {"50"}, {}},
                                {"Tier", FilterOp::In, {"gold", "silver"}, {}},
                                {"Region", FilterOp::NotIn, {"EU"}, {}},
                                {"EmailAddress", FilterOp::NotNull, {}, {}},
                                {"Nick", FilterOp::Like, {"O'B%"}, {}}};
  EXPECT_EQ(rowset_filter(rules),
            "Points gte '50' and (Tier eq 'gold' or Tier eq 'silver') and (Region neq 'EU') and "
            "EmailAddress neq '' and Nick like 'O''B%'");
  EXPECT_EQ(rowset_filter({}), "");
}
