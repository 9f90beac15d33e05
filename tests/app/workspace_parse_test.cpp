// parse_workspace: structure, types, versions and the wording of its refusals.
#include <gtest/gtest.h>

#include "workspace_test_support.h"

namespace wv::app {
namespace {

using test::error_of;
using test::expect_error;
using test::kFile;
using test::with_panels;
using test::with_source;

TEST(WorkspaceParse, AppliesDefaults) {
  const auto ws = parse_workspace(with_source("\"scene\": \"one red ball in a black room\""), kFile);
  ASSERT_TRUE(ws) << ws.error().message;
  EXPECT_EQ(ws->version, kWorkspaceVersion);
  EXPECT_EQ(ws->name, "");
  EXPECT_EQ(ws->layout, LayoutSpec{});
  EXPECT_EQ(ws->layout.kind, LayoutSpec::Kind::Arc);
  ASSERT_EQ(ws->panels.size(), 1u);
  const PanelSpec& panel = ws->panels[0];
  EXPECT_EQ(panel.title, "");
  EXPECT_EQ(panel.width_m, 1.0f);
  EXPECT_EQ(panel.curve_radius_m, 0.0f);
  EXPECT_FALSE(panel.pose.has_value());
  EXPECT_EQ(panel.source.kind, SourceSpec::Kind::Toyworld);
  const ToyworldSourceSpec& source = panel.source.toyworld;
  EXPECT_EQ(source.scene, "one red ball in a black room");
  EXPECT_EQ(source.seed, 1u);
  EXPECT_EQ(source.width, 128);
  EXPECT_EQ(source.height, 128);
  EXPECT_EQ(source.fps, 30.0);
  EXPECT_TRUE(source.events.empty());
}

TEST(WorkspaceParse, ReadsEveryField) {
  const auto ws = parse_workspace(R"({"format": "worldview-workspace", "version": 1, "name": "n",
    "layout": {"kind": "grid", "radius_m": 3, "eye_height_m": 1.2, "gap_m": 0.5},
    "panels": [{"title": "T", "width_m": 2, "curve_radius_m": 4,
                "source": {"kind": "toyworld", "scene": "s", "seed": 18446744073709551615,
                           "size": [256, 64.0], "fps": 12.5,
                           "events": [{"at_s": 1, "text": "a"}, {"at_s": 1, "text": "b"}]},
                "pose": {"position": [-1, 2, -3.5], "yaw_deg": 45, "pitch_deg": -10}}]})",
                                  kFile);
  ASSERT_TRUE(ws) << ws.error().message;
  EXPECT_EQ(ws->name, "n");
  EXPECT_EQ(ws->layout, (LayoutSpec{LayoutSpec::Kind::Grid, 3.0f, 1.2f, 0.5f}));
  const PanelSpec& panel = ws->panels.at(0);
  EXPECT_EQ(panel.title, "T");
  EXPECT_EQ(panel.width_m, 2.0f);
  EXPECT_EQ(panel.curve_radius_m, 4.0f);
  const ToyworldSourceSpec& source = panel.source.toyworld;
  EXPECT_EQ(source.seed, 18446744073709551615u);
  EXPECT_EQ(source.width, 256);
  EXPECT_EQ(source.height, 64);
  EXPECT_EQ(source.fps, 12.5);
  EXPECT_EQ(source.events, (std::vector<TimedText>{{1.0, "a"}, {1.0, "b"}}));
  ASSERT_TRUE(panel.pose.has_value());
  EXPECT_EQ(*panel.pose, (PanelPose{{-1.0f, 2.0f, -3.5f}, 45.0f, -10.0f}));
}

TEST(WorkspaceParse, RefusesMissingRequiredFields) {
  expect_error("{\n\"version\": 1, \"panels\": []}", 1, "format", "missing field");
  expect_error("{\"format\": \"worldview-workspace\",\n\"panels\": []}", 1, "version", "missing field");
  expect_error("{\n\"format\": \"worldview-workspace\",\n\"version\": 1\n}", 1, "panels", "missing field");
  expect_error(with_panels("    {\"title\": \"no source\"}"), 5, "panels[0].source", "missing field");
  expect_error(with_panels("    {\"source\":\n{\"scene\": \"x\"}}"), 6, "panels[0].source.kind", "missing field");
  expect_error(with_source("\"seed\": 3"), 5, "panels[0].source.scene", "missing field");
  expect_error(with_source("\"scene\": \"s\", \"events\": [\n{\"text\": \"t\"}]"), 7,
               "panels[0].source.events[0].at_s", "missing field");
  expect_error(with_panels("    {\"source\": {\"kind\": \"toyworld\", \"scene\": \"s\"},\n\"pose\": {\"yaw_deg\": 3}}"),
               6, "panels[0].pose.position", "missing field");
}

TEST(WorkspaceParse, RefusesWrongTypes) {
  expect_error("[1, 2]", 1, "(top level)", "expected an object, found array");
  expect_error("{\"format\": \"worldview-workspace\", \"version\": 1,\n\"panels\": {}}", 2, "panels",
               "expected an array, found object");
  expect_error(with_panels("    {\"title\": 5,\n\"source\": {}}"), 5, "panels[0].title", "expected a string, found number");
  expect_error(with_source("\"scene\": \"s\",\n\"fps\": \"fast\""), 7, "panels[0].source.fps",
               "expected a number, found string");
  expect_error(with_source("\"scene\": [\"s\"]"), 6, "panels[0].source.scene", "expected a string, found array");
  expect_error(with_source("\"scene\": \"s\",\n\"size\": 128"), 7, "panels[0].source.size", "expected an array, found number");
  expect_error(with_source("\"scene\": \"s\",\n\"seed\": null"), 7, "panels[0].source.seed", "found null");
  expect_error(with_panels("    {\"source\": \"toyworld\"}"), 5, "panels[0].source", "expected an object, found string");
  expect_error("{\"format\": \"worldview-workspace\",\n\"version\": \"1\", \"panels\": []}", 2, "version",
               "expected a whole number, found string");
}

TEST(WorkspaceParse, RefusesAnUnknownSourceKindListingTheKnownOnes) {
  expect_error(with_panels("    {\"title\": \"v\",\n     \"source\": {\"kind\": \"vidoe\"}}"), 6,
               "panels[0].source.kind", "unknown source kind \"vidoe\" (known: toyworld, rollout, video)");
  expect_error("{\"format\": \"worldview-workspace\", \"version\": 1, \"panels\": [],\n\"layout\": {\"kind\": \"spiral\"}}",
               2, "layout.kind", "unknown layout kind \"spiral\" (known: arc, grid, stack)");
}

TEST(WorkspaceParse, ReadsThePanelLayerAndRefusesUnknownOrCurvedQuads) {
  const auto ws = parse_workspace(with_panels("    {\"source\": {\"kind\": \"toyworld\", \"scene\": \"s\"}},\n"
                                              "    {\"source\": {\"kind\": \"toyworld\", \"scene\": \"s\"}, \"layer\": \"quad\"},\n"
                                              "    {\"source\": {\"kind\": \"toyworld\", \"scene\": \"s\"}, \"layer\": \"projection\"}"),
                                  kFile);
  ASSERT_TRUE(ws) << ws.error().message;
  EXPECT_EQ(ws->panels.at(0).layer, PanelSpec::Layer::Projection);  // the default
  EXPECT_EQ(ws->panels.at(1).layer, PanelSpec::Layer::Quad);
  EXPECT_EQ(ws->panels.at(2).layer, PanelSpec::Layer::Projection);
  expect_error(with_panels("    {\"source\": {\"kind\": \"toyworld\", \"scene\": \"s\"},\n\"layer\": \"cylinder\"}"), 6,
               "panels[0].layer", "unknown layer \"cylinder\" (known: projection, quad)");
  expect_error(with_panels("    {\"source\": {\"kind\": \"toyworld\", \"scene\": \"s\"}, \"curve_radius_m\": 2,\n\"layer\": \"quad\"}"),
               6, "panels[0].layer", "a quad layer is flat");
}

TEST(WorkspaceParse, RefusesOtherFormatsAndNewerVersions) {
  expect_error("{\n\"format\": \"worldview-workspaces\", \"version\": 1, \"panels\": []}", 2, "format",
               "not a worldview workspace");
  expect_error("{\"format\": 7}", 1, "format", "not a worldview workspace");
  const std::string newer = "{\"format\": \"worldview-workspace\",\n\"version\": 4,\n\"panels\": [], \"hologram\": {}}";
  expect_error(newer, 2, "version", "written by a newer worldview (workspace version 4; this build reads versions up to 3)");
  expect_error("{\"format\": \"worldview-workspace\",\n\"version\": 0, \"panels\": []}", 2, "version", "out of range");
}

TEST(WorkspaceParse, RefusesBrokenJsonWithTheLine) {
  const std::string good = with_source("\"scene\": \"s\"");
  const std::string truncated = good.substr(0, good.size() / 2);
  const std::string message = error_of(truncated);
  EXPECT_EQ(message.rfind(std::string(kFile) + ":", 0), 0u) << message;
  EXPECT_NE(message.find("not valid JSON"), std::string::npos) << message;
  EXPECT_NE(message.find("truncated"), std::string::npos) << message;

  const std::string missing_comma = "{\n\"format\": \"worldview-workspace\"\n\"version\": 1}";
  EXPECT_EQ(error_of(missing_comma).rfind(std::string(kFile) + ":3: not valid JSON: ", 0), 0u) << error_of(missing_comma);
  EXPECT_EQ(error_of("{\"a\": 1,\n}").rfind(std::string(kFile) + ":2: not valid JSON", 0), 0u);
}

TEST(WorkspaceParse, RefusesEmptyText) {
  EXPECT_EQ(error_of(""), std::string(kFile) + ":1: empty file (expected a worldview workspace)");
  EXPECT_EQ(error_of(" \n\t\r\n"), std::string(kFile) + ":1: empty file (expected a worldview workspace)");
}

TEST(WorkspaceParse, RefusesBytesThatAreNotUtf8) {
  const std::string latin1 = with_panels("    {\"title\": \"caf\xE9\"}");
  EXPECT_EQ(error_of(latin1).rfind(std::string(kFile) + ":5: not UTF-8 text (byte 0xE9 at column 19)", 0), 0u)
      << error_of(latin1);
  EXPECT_NE(error_of("{\"a\": \"\xC0\xAF\"}").find(":1: not UTF-8 text (byte 0xC0"), std::string::npos);  // overlong
  EXPECT_NE(error_of("{\"a\": \"\xED\xA0\x80\"}").find("not UTF-8 text (byte 0xED"), std::string::npos);  // surrogate
  EXPECT_NE(error_of("{\"a\": \"\xF4\x90\x80\x80\"}").find("not UTF-8 text (byte 0xF4"), std::string::npos);  // > U+10FFFF
  EXPECT_NE(error_of("{\"a\": \"\xE2\x82").find("not UTF-8 text (byte 0xE2"), std::string::npos);  // cut short
  // The JSON parser would stop at a NUL byte and accept "5" here.
  EXPECT_EQ(error_of(std::string("5\0\n{\"a\": [1,", 11)), std::string(kFile) + ":1: not UTF-8 text (byte 0x00 at column 2); "
                                                   "a workspace file is UTF-8 JSON: is this the right file?");
}

TEST(WorkspaceParse, AcceptsValidUtf8AndAByteOrderMark) {
  const auto ws = parse_workspace("\xEF\xBB\xBF" + with_panels("    {\"title\": \"caf\xC3\xA9 \xF0\x9F\x98\x80\",\n"
                                                             "     \"source\": {\"kind\": \"toyworld\", \"scene\": \"s\"}}"),
                                  kFile);
  ASSERT_TRUE(ws) << ws.error().message;
  EXPECT_EQ(ws->panels.at(0).title, "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(WorkspaceParse, RefusesDuplicateKeysNamingBothLines) {
  expect_error(with_panels("    {\"title\": \"a\",\n     \"title\": \"b\", \"source\": {}}"), 6, "panels[0].title",
               "appears twice in the same object (first on line 5)");
}

TEST(WorkspaceParse, RefusesEventsOutOfOrderOrEmpty) {
  expect_error(with_source("\"scene\": \"s\", \"events\": [{\"at_s\": 5, \"text\": \"a\"},\n{\"at_s\": 4, \"text\": \"b\"}]"),
               7, "panels[0].source.events[1].at_s", "events must be in time order (the one before is at 5 s)");
  expect_error(with_source("\"scene\": \"s\", \"events\": [\n{\"at_s\": 1, \"text\": \"\"}]"), 7,
               "panels[0].source.events[0].text", "empty event text");
  expect_error(with_source("\"scene\": \"\""), 6, "panels[0].source.scene", "empty scene text");
}

TEST(WorkspaceParse, ReadsARolloutSourceWithDefaults) {
  const auto ws = parse_workspace(with_panels("    {\"source\": {\"kind\": \"rollout\", \"prompt\": \"two red balls\",\n"
                                              "\"events\": [{\"at_s\": 2, \"text\": \"gravity flips\"}]}}"),
                                  kFile);
  ASSERT_TRUE(ws) << ws.error().message;
  const SourceSpec& source = ws->panels.at(0).source;
  EXPECT_EQ(source.kind, SourceSpec::Kind::Rollout);
  EXPECT_EQ(source.rollout, (RolloutSourceSpec{"toyworld-latent-v1", "two red balls", 1, {{2.0, "gravity flips"}}}));
}

TEST(WorkspaceParse, RefusesARolloutWithoutPromptOrWithAPathForAModel) {
  const auto rollout = [](std::string_view fields) {
    return with_panels("    {\"source\": {\"kind\": \"rollout\",\n" + std::string(fields) + "}}");
  };
  expect_error(rollout("\"seed\": 3"), 5, "panels[0].source.prompt", "missing field");
  expect_error(rollout("\"prompt\": \"\""), 6, "panels[0].source.prompt", "empty prompt");
  // A workspace names models by id: it must never choose which file is loaded (and run).
  expect_error(rollout("\"prompt\": \"p\", \"model\": \"../../tmp/evil.pt\""), 6, "panels[0].source.model",
               "a model id is");
  expect_error(rollout("\"prompt\": \"p\", \"model\": \"Big/Model\""), 6, "panels[0].source.model", "a model id is");
}

TEST(WorkspaceParse, ReadsRolloutBranchesAndVersion1FilesWithout) {
  const auto ws = parse_workspace(with_panels("    {\"source\": {\"kind\": \"rollout\", \"prompt\": \"red\", \"seed\": 7,\n"
                                              "\"branches\": [{\"frame\": 6, \"prompt\": \"green\", \"seed\": 99},\n"
                                              "{\"frame\": 9, \"seed\": 3}, {\"frame\": 12, \"prompt\": \"blue\"}]}}"),
                                  kFile);
  ASSERT_TRUE(ws) << ws.error().message;
  const std::vector<RolloutBranch> want = {{.frame = 6, .prompt = "green", .seed = 99},
                                           {.frame = 9, .prompt = std::nullopt, .seed = 3},
                                           {.frame = 12, .prompt = "blue", .seed = std::nullopt}};
  EXPECT_EQ(ws->panels.at(0).source.rollout.branches, want);
  // Version 1 (before branches existed) reads as it always did.
  const auto v1 = parse_workspace("{\"format\": \"worldview-workspace\", \"version\": 1, \"panels\": [\n"
                                  "{\"source\": {\"kind\": \"rollout\", \"prompt\": \"red\"}}]}",
                                  kFile);
  ASSERT_TRUE(v1) << v1.error().message;
  EXPECT_EQ(v1->version, kWorkspaceVersion);
  EXPECT_TRUE(v1->panels.at(0).source.rollout.branches.empty());
}

TEST(WorkspaceParse, RefusesBranchesThatChangeNothingOrGoBackward) {
  const auto branches = [](std::string_view items) {
    return with_panels("    {\"source\": {\"kind\": \"rollout\", \"prompt\": \"p\", \"branches\": [\n" + std::string(items) +
                       "]}}");
  };
  expect_error(branches("{\"frame\": 4}"), 6, "panels[0].source.branches[0]", "a branch changes the prompt, the seed or both");
  expect_error(branches("{\"frame\": 0, \"seed\": 1}"), 6, "panels[0].source.branches[0].frame", "out of range");
  expect_error(branches("{\"frame\": 5, \"seed\": 1},\n{\"frame\": 5, \"seed\": 2}"), 7,
               "panels[0].source.branches[1].frame", "branches must be in frame order");
  expect_error(branches("{\"frame\": 5, \"prompt\": \"\"}"), 6, "panels[0].source.branches[0].prompt", "empty prompt");
  expect_error(branches("{\"seed\": 1}"), 6, "panels[0].source.branches[0].frame", "missing field");
}

}  // namespace
}  // namespace wv::app
