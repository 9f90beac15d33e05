#include "app/workspace/source_kinds.h"

#include <cstdlib>

namespace wv::app {
namespace {

namespace limits = workspace_limits;

std::vector<TimedText> read_events(ObjectFields& source) {
  std::vector<TimedText> events_out;
  if (const std::optional<Field> events = source.optional("events")) {
    for (const Field& item : events->array(limits::kMaxEventsPerSource)) {
      ObjectFields event = item.object();
      TimedText timed;
      const Field at = event.required("at_s");
      timed.at_s = at.number(0.0, limits::kMaxEventTime_s);
      if (!events_out.empty() && timed.at_s < events_out.back().at_s) {
        at.fail("events must be in time order (the one before is at " +
                format_number(events_out.back().at_s) + " s)");
      }
      const Field text = event.required("text");
      timed.text = text.string(limits::kMaxTextBytes);
      if (timed.text.empty()) text.fail("empty event text");
      event.warn_unknown();
      events_out.push_back(std::move(timed));
    }
  }
  return events_out;
}

nlohmann::ordered_json write_events(const std::vector<TimedText>& events) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const TimedText& event : events) out.push_back({{"at_s", event.at_s}, {"text", event.text}});
  return out;
}

ToyworldSourceSpec read_toyworld(ObjectFields& source) {
  ToyworldSourceSpec spec;
  const Field scene = source.required("scene");
  spec.scene = scene.string(limits::kMaxTextBytes);
  if (spec.scene.empty()) scene.fail("empty scene text");

  if (const std::optional<Field> seed = source.optional("seed")) spec.seed = seed->unsigned_integer();

  if (const std::optional<Field> size = source.optional("size")) {
    const std::vector<Field> sides = size->array(2);
    if (sides.size() != 2) size->fail("expected [width, height] in pixels");
    spec.width = static_cast<std::int32_t>(sides[0].integer(limits::kMinFrameSide, limits::kMaxFrameSide));
    spec.height = static_cast<std::int32_t>(sides[1].integer(limits::kMinFrameSide, limits::kMaxFrameSide));
  }

  spec.fps = source.optional_number("fps", spec.fps, limits::kMinFps, limits::kMaxFps);

  spec.events = read_events(source);
  return spec;
}

void write_toyworld(const ToyworldSourceSpec& spec, nlohmann::ordered_json& out) {
  out["scene"] = spec.scene;
  out["seed"] = spec.seed;
  out["size"] = {spec.width, spec.height};
  out["fps"] = spec.fps;
  out["events"] = write_events(spec.events);
}

std::vector<RolloutBranch> read_branches(ObjectFields& source) {
  std::vector<RolloutBranch> out;
  const std::optional<Field> branches = source.optional("branches");
  if (!branches) return out;
  for (const Field& item : branches->array(limits::kMaxBranchesPerSource)) {
    ObjectFields fields = item.object();
    RolloutBranch branch;
    const Field frame = fields.required("frame");
    branch.frame = frame.integer(1, limits::kMaxBranchFrame);
    if (!out.empty() && branch.frame <= out.back().frame)
      frame.fail("branches must be in frame order (the one before is at frame " + std::to_string(out.back().frame) + ")");
    if (const std::optional<Field> prompt = fields.optional("prompt")) {
      branch.prompt = prompt->string(limits::kMaxTextBytes);
      if (branch.prompt->empty()) prompt->fail("empty prompt");
    }
    if (const std::optional<Field> seed = fields.optional("seed")) branch.seed = seed->unsigned_integer();
    if (!branch.prompt && !branch.seed) item.fail("a branch changes the prompt, the seed or both: give one");
    fields.warn_unknown();
    out.push_back(std::move(branch));
  }
  return out;
}

nlohmann::ordered_json write_branches(const std::vector<RolloutBranch>& branches) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const RolloutBranch& b : branches) {
    nlohmann::ordered_json item = {{"frame", b.frame}};
    if (b.prompt) item["prompt"] = *b.prompt;
    if (b.seed) item["seed"] = *b.seed;
    out.push_back(std::move(item));
  }
  return out;
}

RolloutSourceSpec read_rollout(ObjectFields& source) {
  RolloutSourceSpec spec;
  if (const std::optional<Field> model = source.optional("model")) {
    spec.model = model->string(limits::kMaxTextBytes);
    // An id, not a path: a workspace never chooses which file is loaded as a model.
    if (!is_model_id(spec.model))
      model->fail("a model id is lower-case letters, digits, '-', '_' and '.', not starting with '.'");
  }
  const Field prompt = source.required("prompt");
  spec.prompt = prompt.string(limits::kMaxTextBytes);
  if (spec.prompt.empty()) prompt.fail("empty prompt");
  if (const std::optional<Field> seed = source.optional("seed")) spec.seed = seed->unsigned_integer();
  spec.events = read_events(source);
  spec.branches = read_branches(source);
  return spec;
}

void write_rollout(const RolloutSourceSpec& spec, nlohmann::ordered_json& out) {
  out["model"] = spec.model;
  out["prompt"] = spec.prompt;
  out["seed"] = spec.seed;
  out["events"] = write_events(spec.events);
  if (!spec.branches.empty()) out["branches"] = write_branches(spec.branches);
}

VideoSourceSpec read_video(ObjectFields& source) {
  VideoSourceSpec spec;
  const Field path = source.required("path");
  spec.path = path.string(limits::kMaxTextBytes);
  if (spec.path.empty()) path.fail("empty path");
  if (spec.path.find('\0') != std::string::npos) path.fail("a path cannot hold a NUL character");
  if (const std::optional<Field> loop = source.optional("loop")) spec.loop = loop->boolean();
  return spec;
}

struct SourceKindRow {
  SourceSpec::Kind kind;
  std::string_view name;
  // Reads the kind's own fields into `out`; "kind" itself is already read.
  void (*read)(ObjectFields& source, SourceSpec& out);
  void (*write)(const SourceSpec& source, nlohmann::ordered_json& out);
};

constexpr SourceKindRow kSourceKinds[] = {
    {SourceSpec::Kind::Toyworld, "toyworld",
     [](ObjectFields& source, SourceSpec& out) { out.toyworld = read_toyworld(source); },
     [](const SourceSpec& source, nlohmann::ordered_json& out) { write_toyworld(source.toyworld, out); }},
    {SourceSpec::Kind::Rollout, "rollout",
     [](ObjectFields& source, SourceSpec& out) { out.rollout = read_rollout(source); },
     [](const SourceSpec& source, nlohmann::ordered_json& out) { write_rollout(source.rollout, out); }},
    {SourceSpec::Kind::Video, "video",
     [](ObjectFields& source, SourceSpec& out) { out.video = read_video(source); },
     [](const SourceSpec& source, nlohmann::ordered_json& out) {
       out["path"] = source.video.path;
       // Written only when set, so a file without looping still reads cleanly in older builds.
       if (source.video.loop) out["loop"] = true;
     }},
};

const SourceKindRow& row_of(SourceSpec::Kind kind) {
  for (const SourceKindRow& row : kSourceKinds) {
    if (row.kind == kind) return row;
  }
  WV_ASSERT(!"SourceSpec::Kind without a row in kSourceKinds");
  std::abort();
}

}  // namespace

std::string_view source_kind_name(SourceSpec::Kind kind) { return row_of(kind).name; }

bool is_model_id(std::string_view id) {
  return !id.empty() && id.size() <= 128 && id.front() != '.' &&
         id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") == std::string_view::npos;
}

SourceSpec read_source(const Field& source) {
  ObjectFields fields = source.object();
  const Field kind = fields.required("kind");
  const std::string name = kind.string(limits::kMaxTextBytes);
  for (const SourceKindRow& row : kSourceKinds) {
    if (row.name != name) continue;
    SourceSpec spec;
    spec.kind = row.kind;
    row.read(fields, spec);
    fields.warn_unknown();
    return spec;
  }
  std::string known;
  for (const SourceKindRow& row : kSourceKinds) known += (known.empty() ? "" : ", ") + std::string(row.name);
  kind.fail("unknown source kind " + quote_for_message(name) + " (known: " + known + ")");
}

nlohmann::ordered_json write_source(const SourceSpec& source) {
  const SourceKindRow& row = row_of(source.kind);
  nlohmann::ordered_json out;
  out["kind"] = row.name;
  row.write(source, out);
  return out;
}

}  // namespace wv::app
