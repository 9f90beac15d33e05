// `worldview serve` and `worldview stats` as a user runs them: refusals that say what to do.
#include <gtest/gtest.h>

#include "tests/app/headless_test_util.h"

namespace wv::test {
namespace {

TEST(ServeRun, RefusesToListenBeyondThisMachineWithoutAToken) {
  const ProgramRun run = run_worldview("serve --listen 0.0.0.0:7999");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("refusing to listen beyond this machine without a token"), std::string::npos) << run.output;
}

TEST(ServeRun, ABadTokenFileIsNamed) {
  const ProgramRun run = run_worldview("serve --listen 127.0.0.1:7421 --token-file /nonexistent/token");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("token file /nonexistent/token: cannot open it"), std::string::npos) << run.output;
}

TEST(StatsRun, NeedsAServerAndNamesAnUnreachableOne) {
  const ProgramRun none = run_worldview("stats");
  EXPECT_EQ(none.exit_code, 1) << none.output;
  EXPECT_NE(none.output.find("give --connect HOST:PORT"), std::string::npos) << none.output;
  const ProgramRun down = run_worldview("stats --connect 127.0.0.1:1");
  EXPECT_EQ(down.exit_code, 1) << down.output;
  EXPECT_NE(down.output.find("server 127.0.0.1:1: cannot connect"), std::string::npos) << down.output;
}

}  // namespace
}  // namespace wv::test
