#include <gtest/gtest.h>

#include "net/http_client.h"

using namespace sfsync;

TEST(UrlQueryParams, DecodesNamesAndValues) {
  auto p = url_query_params("http://localhost:1717/OauthRedirect?code=aPrx%3D%3D.x&state=ab+cd&empty=&flag");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->at("code"), "aPrx==.x");
  EXPECT_EQ(p->at("state"), "ab cd");
  EXPECT_EQ(p->at("empty"), "");
  EXPECT_EQ(p->at("flag"), "");
  EXPECT_EQ(p->size(), 4u);
}

TEST(UrlQueryParams, NoQueryIsEmptyAndNotAUrlIsNullopt) {
  auto none = url_query_params("https://example.org/path");
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(url_query_params("hello").has_value());
  EXPECT_FALSE(url_query_params("").has_value());
}

TEST(UrlQueryParams, TheFirstOfRepeatedNamesWins) {
  auto p = url_query_params("http://h/?code=first&code=second");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->at("code"), "first");
}
