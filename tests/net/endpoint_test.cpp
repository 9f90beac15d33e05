#include "net/endpoint.h"

#include <gtest/gtest.h>

namespace {

TEST(Endpoint, ParsesIpv4Ipv6AndNames) {
  auto a = wv::net::parse_endpoint("127.0.0.1:7420");
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 7420);
  auto b = wv::net::parse_endpoint("[::1]:80");
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->host, "::1");
  EXPECT_EQ(b->to_string(), "[::1]:80");
  auto c = wv::net::parse_endpoint("gpu-box.example:9000");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->to_string(), "gpu-box.example:9000");
}

TEST(Endpoint, TellsLoopbackFromTheRest) {
  EXPECT_TRUE(wv::net::parse_endpoint("127.3.2.1:1")->is_loopback());
  EXPECT_TRUE(wv::net::parse_endpoint("[::1]:1")->is_loopback());
  EXPECT_TRUE(wv::net::parse_endpoint("LocalHost:1")->is_loopback());
  EXPECT_FALSE(wv::net::parse_endpoint("0.0.0.0:1")->is_loopback());
  EXPECT_FALSE(wv::net::parse_endpoint("128.0.0.1:1")->is_loopback());
  EXPECT_FALSE(wv::net::parse_endpoint("[::]:1")->is_loopback());
  EXPECT_FALSE(wv::net::parse_endpoint("gpu-box:1")->is_loopback());
}

TEST(Endpoint, RefusesMalformedTextWithAReason) {
  const struct {
    const char* text;
    const char* reason;
  } cases[] = {
      {"127.0.0.1", "expected HOST:PORT"},
      {"127.0.0.1:", "not a number"},
      {"127.0.0.1:70000", "between 1 and 65535"},
      {"127.0.0.1:0", "between 1 and 65535"},
      {"127.0.0.1:12ab", "not a number"},
      {"::1:80", "need brackets"},
      {"[::1:80", "missing ']'"},
      {"[::1]80", "expected ':PORT'"},
      {"bad host!:80", "not an IP address or host name"},
      {":80", "not an IP address or host name"},
  };
  for (const auto& c : cases) {
    auto r = wv::net::parse_endpoint(c.text);
    ASSERT_FALSE(r) << c.text;
    EXPECT_NE(r.error().message.find(c.reason), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("endpoint"), std::string::npos) << r.error().message;
  }
}

}  // namespace
