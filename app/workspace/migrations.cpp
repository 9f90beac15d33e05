#include "app/workspace/migrations.h"

#include <string>

#include "app/workspace/workspace.h"

namespace wv::app {
namespace {

// v1 -> v2 added rollout branches, which a version 1 file does not have: nothing to change.
void v1_to_v2(nlohmann::ordered_json&, FieldContext&) {}

// v2 -> v3 added panel reviews. A "review" in an older file was an unknown field there (ignored
// by the builds that wrote it), so it stays ignored.
void v2_to_v3(nlohmann::ordered_json& document, FieldContext& context) {
  const auto panels = document.find("panels");
  if (panels == document.end() || !panels->is_array()) return;  // the readers refuse it
  for (std::size_t i = 0; i < panels->size(); ++i) {
    nlohmann::ordered_json& panel = (*panels)[i];
    if (!panel.is_object() || !panel.contains("review")) continue;
    context.warn(FieldPath{}.key("panels").index(i).key("review"),
                 "not part of workspace version 2 (reviews came with version 3), ignored");
    panel.erase("review");
  }
}

using Step = void (*)(nlohmann::ordered_json&, FieldContext&);
// kSteps[k] upgrades version k + 1 to version k + 2.
constexpr Step kSteps[] = {v1_to_v2, v2_to_v3};
static_assert(std::size(kSteps) == kWorkspaceVersion - 1, "one upgrade step per older version");

}  // namespace

void upgrade_workspace(nlohmann::ordered_json& document, int version, FieldContext& context) {
  for (int from = version; from < kWorkspaceVersion; ++from) kSteps[from - 1](document, context);
}

}  // namespace wv::app
