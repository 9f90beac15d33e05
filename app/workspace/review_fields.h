// app/workspace/review_fields.h — a panel's "review" object (version 3): its rating and its notes
// pinned to frames and points. The fields are documented in docs/workspace.md.
#pragma once

#include <nlohmann/json.hpp>

#include "app/workspace/json_fields.h"
#include "app/workspace/workspace.h"

namespace wv::app {

ReviewSpec read_review(const Field& review);
nlohmann::ordered_json write_review(const ReviewSpec& review);

}  // namespace wv::app
