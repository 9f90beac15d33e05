// workspace_to_json and parse_workspace are inverses; poses mean what the docs say.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "app/model_catalog.h"
#include "workspace_test_support.h"

namespace wv::app {
namespace {

using test::kFile;

Workspace rich_workspace() {
  Workspace ws;
  ws.name = "Review \"night\" run \xE2\x80\x94 caf\xC3\xA9";
  ws.layout = LayoutSpec{LayoutSpec::Kind::Grid, 3.1f, 1.35f, 0.1f};
  PanelSpec placed;
  placed.title = "placed";
  placed.width_m = 1.7f;
  placed.curve_radius_m = 2.3f;
  placed.pose = PanelPose{{-1.1f, 1.6f, -2.05f}, 33.3f, -12.5f};
  placed.source.toyworld = ToyworldSourceSpec{"two cyan boxes in a brown room", 18446744073709551615u, 320, 16, 29.97,
                                              {{0.1, "gravity points left"}, {0.1, "wind from right"}, {7.25, "x"}}};
  PanelSpec laid_out;
  laid_out.source.toyworld.scene = "one pink ball in a dark purple room";
  laid_out.layer = PanelSpec::Layer::Quad;
  PanelSpec generated;
  generated.source.kind = SourceSpec::Kind::Rollout;
  generated.source.rollout = RolloutSourceSpec{"toyworld-latent-v1", "three red balls", 7, {{4.5, "gravity flips"}}};
  PanelSpec branched = generated;
  branched.source.rollout.branches = {{.frame = 30, .prompt = "two green boxes", .seed = 18446744073709551615u},
                                      {.frame = 31, .prompt = std::nullopt, .seed = 0}};
  ws.panels = {placed, laid_out, generated, branched};
  return ws;
}

TEST(WorkspaceRoundTrip, ParseOfWrittenTextGivesTheSameWorkspace) {
  const Workspace ws = rich_workspace();
  const std::string text = workspace_to_json(ws);
  const auto parsed = parse_workspace(text, kFile);
  ASSERT_TRUE(parsed) << parsed.error().message << "\n" << text;
  EXPECT_EQ(*parsed, ws) << text;
  EXPECT_EQ(workspace_to_json(*parsed), text);
}

TEST(WorkspaceRoundTrip, EveryLayoutKind) {
  for (const LayoutSpec::Kind kind : {LayoutSpec::Kind::Arc, LayoutSpec::Kind::Grid, LayoutSpec::Kind::Stack}) {
    Workspace ws;
    ws.layout.kind = kind;
    const auto parsed = parse_workspace(workspace_to_json(ws), kFile);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->layout.kind, kind);
  }
}

TEST(WorkspaceRoundTrip, EmptyWorkspace) {
  const auto parsed = parse_workspace(workspace_to_json(Workspace{}), kFile);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, Workspace{});
}

TEST(WorkspaceRoundTrip, WritesFloatsInTheirShortestForm) {
  const std::string text = workspace_to_json(rich_workspace());
  EXPECT_NE(text.find("\"width_m\": 1.7,"), std::string::npos) << text;
  EXPECT_NE(text.find("\"position\": [-1.1, 1.6, -2.05]"), std::string::npos) << text;
  EXPECT_NE(text.find("\"size\": [320, 16]"), std::string::npos) << text;
  EXPECT_NE(text.find("\"kind\": \"toyworld\""), std::string::npos) << text;
}

TEST(WorkspaceRoundTrip, DemoWorkspace) {
  const auto demo = load_workspace(WV_SOURCE_DIR "/assets/demo.wv.json");
  ASSERT_TRUE(demo) << demo.error().message;
  const auto again = parse_workspace(workspace_to_json(*demo), kFile);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, *demo);
}

// README's first line renders this: generated worlds from the built-in model, one steered
// mid-rollout at least, beside the simulator's truth for the same prompt and event.
TEST(WorkspaceRoundTrip, DemoShowsSteeredGeneratedWorldsBesideTheTruth) {
  const auto demo = load_workspace(WV_SOURCE_DIR "/assets/demo.wv.json");
  ASSERT_TRUE(demo) << demo.error().message;
  EXPECT_EQ(demo->layout.kind, LayoutSpec::Kind::Arc);
  int rollouts = 0, steered = 0, truths_of_a_rollout = 0;
  for (const PanelSpec& panel : demo->panels) {
    EXPECT_FALSE(panel.pose.has_value());
    if (panel.source.kind == SourceSpec::Kind::Rollout) {
      ++rollouts;
      EXPECT_EQ(panel.source.rollout.model, kDefaultModelId);  // the demo shows the default model
      steered += panel.source.rollout.events.empty() ? 0 : 1;
      continue;
    }
    for (const PanelSpec& other : demo->panels) {
      const auto& r = other.source.rollout;
      if (other.source.kind == SourceSpec::Kind::Rollout && r.prompt == panel.source.toyworld.scene &&
          r.seed == panel.source.toyworld.seed && r.events == panel.source.toyworld.events)
        ++truths_of_a_rollout;
    }
  }
  EXPECT_GE(rollouts, 2);
  EXPECT_GE(steered, 1);
  EXPECT_EQ(truths_of_a_rollout, 1);
}

TEST(WorkspacePanelPose, YawAndPitchTurnTheFrontFaceAsDocumented) {
  const glm::vec3 front_local(0.0f, 0.0f, 1.0f);
  const wv::Pose yawed = PanelPose{{0.0f, 1.5f, 0.0f}, 90.0f, 0.0f}.to_pose();
  const glm::vec3 yawed_front = yawed.orientation * front_local;
  EXPECT_NEAR(yawed_front.x, 1.0f, 1e-6f);
  EXPECT_NEAR(yawed_front.z, 0.0f, 1e-6f);
  EXPECT_EQ(yawed.position, glm::vec3(0.0f, 1.5f, 0.0f));

  const glm::vec3 pitched_front = PanelPose{{}, 0.0f, 30.0f}.to_pose().orientation * front_local;
  EXPECT_NEAR(pitched_front.y, 0.5f, 1e-6f);
  EXPECT_NEAR(pitched_front.z, std::sqrt(3.0f) / 2.0f, 1e-6f);

  // A panel to the viewer's left, turned by 90 degrees, faces the viewer as wv::facing has it.
  const wv::Pose left = PanelPose{{-2.0f, 1.5f, 0.0f}, 90.0f, 0.0f}.to_pose();
  const wv::Pose expected = wv::facing({-2.0f, 1.5f, 0.0f}, {0.0f, 1.5f, 0.0f});
  EXPECT_NEAR(std::abs(glm::dot(left.orientation, expected.orientation)), 1.0f, 1e-6f);
}

TEST(WorkspaceSourceKind, Names) {
  EXPECT_EQ(source_kind_name(SourceSpec::Kind::Toyworld), "toyworld");
  EXPECT_EQ(source_kind_name(SourceSpec::Kind::Rollout), "rollout");
}

}  // namespace
}  // namespace wv::app
