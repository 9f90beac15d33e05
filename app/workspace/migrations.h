// app/workspace/migrations.h — older workspace files brought up to the current schema on the
// JSON document, one version step at a time, before any field is read: the field readers only
// ever know the newest schema (docs/workspace.md, "Versions and migrations").
#pragma once

#include <nlohmann/json.hpp>

#include "app/workspace/json_fields.h"

namespace wv::app {

// Upgrades `document` (the whole file, checked to be an object) from `version` to
// kWorkspaceVersion. Fields an older version did not have are dropped with a warning: an old
// file means what it meant when it was written.
void upgrade_workspace(nlohmann::ordered_json& document, int version, FieldContext& context);

}  // namespace wv::app
