// `worldview info` names the world models that --model and workspaces can use, and the default.
#include <gtest/gtest.h>

#include "app/model_catalog.h"
#include "headless_test_util.h"

namespace wv::test {
namespace {

TEST(InfoRun, ListsTheBuiltInModelsAndMarksTheDefault) {
  const ProgramRun run = run_worldview("info");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(has_line_with(run.output, {"World models"})) << run.output;
  EXPECT_TRUE(has_line_with(run.output, {std::string(app::kDefaultModelId), "(default)"})) << run.output;
  EXPECT_TRUE(has_line_with(run.output, {"toyworld-latent-v1"})) << run.output;
}

}  // namespace
}  // namespace wv::test
