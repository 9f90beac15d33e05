// Panels from --prompt and events from --steer, and the refusals of bad --steer texts.
#include <gtest/gtest.h>

#include "app/prompt_panels.h"

namespace wv::app {
namespace {

TEST(PromptPanels, OnePanelPerPromptWithCountingSeeds) {
  Workspace ws;
  ws.panels.resize(1);  // a workspace panel stays first
  ASSERT_TRUE(add_prompt_panels(ws, {"two red balls", "a blue box"}, {}, "toyworld-latent-v1", 7));
  ASSERT_EQ(ws.panels.size(), 3u);
  EXPECT_EQ(ws.panels[0].source.kind, SourceSpec::Kind::Toyworld);
  EXPECT_EQ(ws.panels[1].source.rollout, (RolloutSourceSpec{"toyworld-latent-v1", "two red balls", 7, {}}));
  EXPECT_EQ(ws.panels[2].source.rollout, (RolloutSourceSpec{"toyworld-latent-v1", "a blue box", 8, {}}));
}

TEST(PromptPanels, SteersGoToOnePanelOrAllInTimeOrder) {
  Workspace ws;
  ASSERT_TRUE(add_prompt_panels(ws, {"a", "b"}, {"5:gravity flips", "2@1.5:the balls turn green", "0.5:x:y"},
                                "m", 1));
  const std::vector<TimedText> first{{0.5, "x:y"}, {5.0, "gravity flips"}};
  const std::vector<TimedText> second{{0.5, "x:y"}, {1.5, "the balls turn green"}, {5.0, "gravity flips"}};
  EXPECT_EQ(ws.panels[0].source.rollout.events, first);
  EXPECT_EQ(ws.panels[1].source.rollout.events, second);
}

TEST(PromptPanels, RefusesBadSteersNamingThem) {
  const auto error = [](std::vector<std::string> prompts, std::string steer) {
    Workspace ws;
    const Status s = add_prompt_panels(ws, prompts, {steer}, "toyworld-latent-v1", 1);
    return s ? std::string("(no error)") : s.error().message;
  };
  EXPECT_NE(error({"a"}, "gravity flips").find("no ':'"), std::string::npos);
  EXPECT_NE(error({"a"}, "soon:gravity flips").find("SECONDS is not a time"), std::string::npos);
  EXPECT_NE(error({"a"}, "-1:gravity flips").find("SECONDS is not a time"), std::string::npos);
  EXPECT_NE(error({"a"}, "nan:gravity flips").find("SECONDS is not a time"), std::string::npos);
  EXPECT_NE(error({"a"}, "3:").find("empty TEXT"), std::string::npos);
  EXPECT_NE(error({"a"}, "2@3:x").find("there is 1 prompt panel"), std::string::npos);
  EXPECT_NE(error({"a"}, "0@3:x").find("PANEL is not a whole number"), std::string::npos);
  EXPECT_NE(error({}, "3:x").find("--steer needs at least one --prompt"), std::string::npos);
  EXPECT_EQ(error({"a"}, "3:x"), "(no error)");
  EXPECT_EQ(error({"a"}, "9@3:x").rfind("--steer \"9@3:x\": ", 0), 0u);        // the steer is named first
}

TEST(PromptPanels, RefusesAPathAsAModelAndTooManyPanels) {
  Workspace ws;
  EXPECT_FALSE(add_prompt_panels(ws, {"a"}, {}, "../weights/model", 1));
  Workspace full;
  full.panels.resize(workspace_limits::kMaxPanels);
  EXPECT_FALSE(add_prompt_panels(full, {"a"}, {}, "toyworld-latent-v1", 1));
}

}  // namespace
}  // namespace wv::app
