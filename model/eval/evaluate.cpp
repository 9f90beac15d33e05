#include "model/eval/evaluate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "model/eval/contact_checks.h"
#include "model/eval/probe_checks.h"
#include "model/latent/episodes.h"
#include "model/rollout_engine.h"
#include "model/toyworld/raster.h"
#include "model/toyworld/text.h"
#include "model/world_model.h"

namespace wv::eval {
namespace {

using model::Rollout;
using toyworld::FrameProbe;

constexpr int32_t kPsnrHorizon = 32;
constexpr int32_t kGravityFrames = 30;  // one second at toyworld's 30 fps
constexpr double kDistinctMeanDiff = 0.01;

struct Episode {
  std::string prompt;
  toyworld::Scene scene;
  uint64_t seed = 0;
};

struct Run {
  std::shared_ptr<Rollout> rollout;
  std::vector<FramePtr> kept;  // frames the caller asked to keep, by index
  std::vector<FrameProbe> probes;
};

class Evaluator {
 public:
  Evaluator(std::shared_ptr<model::WorldModel> model, const EvalParams& params,
            const std::function<void(const EvalProgress&)>& progress)
      : model_(std::move(model)), p_(params), progress_(progress) {}

  Result<EvalReport> run(const std::vector<Episode>& episodes);

 private:
  // Starts one rollout per param set and runs them all, batched, to `frames` frames; keeps
  // the probe of every frame and the frames with index < keep_frames.
  Result<std::vector<Run>> roll(const std::string& stage, std::vector<model::RolloutParams> params,
                                int32_t frames, int32_t keep_frames);

  FramePtr truth_frame(const toyworld::WorldState& world) const {
    auto f = make_frame(width_, height_, world.frame, 0.0);
    toyworld::render_world(world, *f);
    return f;
  }

  std::shared_ptr<model::WorldModel> model_;
  EvalParams p_;
  std::function<void(const EvalProgress&)> progress_;
  int32_t width_ = 0, height_ = 0;
  double fps_ = 30.0;
};

Result<std::vector<Run>> Evaluator::roll(const std::string& stage, std::vector<model::RolloutParams> params,
                                         int32_t frames, int32_t keep_frames) {
  auto engine = model::RolloutEngine::create({.inference_threads = 0, .max_batch = p_.max_batch});
  if (!engine) return engine.error();
  std::vector<Run> runs(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    params[i].model = model_;
    params[i].frame_count = frames;
    auto r = (*engine)->start(std::move(params[i]));
    if (!r) return r.error();
    runs[i].rollout = *r;
  }
  const int64_t total = int64_t(frames) * int64_t(runs.size());
  int64_t done = 0, reported = 0;
  if (progress_) progress_({stage, 0, total});
  while (done < total) {
    const bool worked = (*engine)->run_once();
    for (Run& run : runs) {
      while (FramePtr f = run.rollout->frames().try_pop()) {
        run.probes.push_back(toyworld::probe_frame(*f));
        if (f->index < keep_frames) run.kept.push_back(f);
        ++done;
      }
      if (auto status = run.rollout->status(); status.error) return *status.error;
    }
    if (!worked && done < total) return Error{"eval: rollouts stopped at " + std::to_string(done) + " of " +
                                              std::to_string(total) + " frames"};
    if (progress_ && (done - reported >= 256 || done == total)) {
      progress_({stage, done, total});
      reported = done;
    }
  }
  return runs;
}

// Whether objects, followed frame to frame over the first second, drifted along (dx, dy) by
// more than a pixel in all.
bool drift_along(const std::vector<FrameProbe>& probes, double dx, double dy, int32_t side) {
  double along = 0.0;
  for (int32_t f = 0; f < kGravityFrames && size_t(f + 1) < probes.size(); ++f) {
    const Motion m = median_displacement(probes[size_t(f)], probes[size_t(f + 1)]);
    if (m.matched == 0) return false;
    along += m.x * dx + m.y * dy;
  }
  return along * side > 1.0;
}

double fraction(int64_t part, int64_t whole) { return whole > 0 ? double(part) / double(whole) : 0.0; }

// Contact cases (bounces or collisions) counted in all and per horizon span: a case begun at
// frame f belongs to the first horizon ≥ f.
struct ContactTally {
  int64_t cases = 0, shown = 0;
  std::vector<int64_t> span_cases, span_shown;

  explicit ContactTally(size_t horizons) : span_cases(horizons), span_shown(horizons) {}
  void add(const std::vector<ContactCase>& found, const std::vector<int32_t>& horizons) {
    for (const ContactCase& c : found) {
      const size_t h = size_t(std::lower_bound(horizons.begin(), horizons.end(), c.frame) - horizons.begin());
      cases += 1, shown += c.shown;
      if (h < horizons.size()) span_cases[h] += 1, span_shown[h] += c.shown;
    }
  }
  double rate() const { return fraction(shown, cases); }
  double span_rate(size_t h) const { return span_cases[h] ? fraction(span_shown[h], span_cases[h]) : -1.0; }
};

std::vector<int32_t> horizon_frames(int32_t frames) {
  std::vector<int32_t> h;
  for (int32_t f = 1; f < frames; f *= 2) h.push_back(f);
  if (h.back() != frames - 1) h.push_back(frames - 1);
  return h;
}

// Mean |difference| of the color channels (alpha skipped), 0..1.
double mean_abs_difference(const Frame& a, const Frame& b) {
  double sum = 0.0;
  for (int32_t y = 0; y < a.height; ++y)
    for (int32_t x = 0; x < a.width; ++x)
      for (int32_t c = 0; c < 3; ++c) sum += std::abs(int(a.row(y)[4 * x + c]) - int(b.row(y)[4 * x + c]));
  return sum / (255.0 * 3.0 * a.width * a.height);
}

Result<EvalReport> Evaluator::run(const std::vector<Episode>& episodes) {
  const auto start = std::chrono::steady_clock::now();
  const model::ModelInfo& info = model_->info();
  width_ = info.width, height_ = info.height, fps_ = info.fps;
  if (width_ < 16 || height_ < 16) return Error{"eval: model \"" + info.name + "\" makes frames smaller than 16×16"};
  const int32_t side = std::min(width_, height_);
  EvalReport report{.model_name = info.name, .width = width_, .height = height_, .rollouts = int32_t(episodes.size())};

  // Prompt adherence, gravity, stability and diversity: one long rollout per episode.
  std::vector<model::RolloutParams> plain;
  for (const Episode& e : episodes) plain.push_back({.prompt_track = {{0, e.prompt}}, .seed = e.seed, .lookahead = 8});
  auto runs = roll("stability", plain, p_.frames, 1);
  if (!runs) return runs.error();
  const std::vector<int32_t> horizons = horizon_frames(p_.frames);
  std::vector<double> sharp(horizons.size()), sharp_truth(horizons.size());
  std::vector<int64_t> kept(horizons.size());
  int64_t count = 0, colors = 0, room = 0, gravity_cases = 0, gravity_ok = 0, gravity_truth = 0;
  ContactTally bounces(horizons.size()), bounces_truth(horizons.size());
  ContactTally collisions(horizons.size()), collisions_truth(horizons.size());
  for (size_t i = 0; i < episodes.size(); ++i) {
    const Episode& e = episodes[i];
    const std::vector<FrameProbe>& seen = (*runs)[i].probes;
    const PromptMatch m = match_prompt(seen[0], e.scene);
    count += m.count, colors += m.colors, room += m.background;
    std::vector<FrameProbe> truth;
    toyworld::WorldState world = toyworld::make_world(e.scene, e.seed, width_, height_);
    for (int32_t f = 0; f < p_.frames; ++f) {
      if (f > 0) toyworld::step_world(world, 1.0 / fps_);
      truth.push_back(toyworld::probe_frame(*truth_frame(world)));
    }
    for (size_t h = 0; h < horizons.size(); ++h) {
      const size_t f = size_t(horizons[h]);
      // Kept: still as many objects as the prompt names (a blank world keeps nothing).
      kept[h] += seen[f].objects.size() == e.scene.objects.size();
      sharp[h] += seen[f].sharpness;
      sharp_truth[h] += truth[f].sharpness;
    }
    const ContactCases seen_contacts = find_contacts(seen, e.scene, width_, height_, fps_);
    const ContactCases truth_contacts = find_contacts(truth, e.scene, width_, height_, fps_);
    bounces.add(seen_contacts.bounces, horizons), collisions.add(seen_contacts.collisions, horizons);
    bounces_truth.add(truth_contacts.bounces, horizons), collisions_truth.add(truth_contacts.collisions, horizons);
    if (e.scene.gravity && !e.scene.wind) {
      // Things drift toward the wall gravity points at: over one second, more than a pixel.
      const toyworld::Direction d = e.scene.gravity->direction;
      const double dx = d == toyworld::Direction::Left ? -1 : d == toyworld::Direction::Right ? 1 : 0;
      const double dy = d == toyworld::Direction::Down ? -1 : d == toyworld::Direction::Up ? 1 : 0;
      ++gravity_cases;
      gravity_ok += drift_along(seen, dx, dy, side);
      gravity_truth += drift_along(truth, dx, dy, side);
    }
  }
  const int64_t n = int64_t(episodes.size());
  report.count_match = fraction(count, n), report.colors_match = fraction(colors, n);
  report.background_match = fraction(room, n);
  report.gravity_agrees = fraction(gravity_ok, gravity_cases);
  report.gravity_agrees_truth = fraction(gravity_truth, gravity_cases);
  report.bounces = bounces.rate(), report.bounces_truth = bounces_truth.rate();
  report.bounce_cases = int32_t(bounces.cases), report.bounce_cases_truth = int32_t(bounces_truth.cases);
  report.collisions = collisions.rate(), report.collisions_truth = collisions_truth.rate();
  report.collision_cases = int32_t(collisions.cases), report.collision_cases_truth = int32_t(collisions_truth.cases);
  for (size_t h = 0; h < horizons.size(); ++h)
    report.horizons.push_back({.frame = horizons[h], .count_kept = fraction(kept[h], n), .sharpness = sharp[h] / double(n),
                               .sharpness_truth = sharp_truth[h] / double(n), .psnr = -1.0, .psnr_copy_last = -1.0,
                               .bounces = bounces.span_rate(h), .bounces_truth = bounces_truth.span_rate(h),
                               .collisions = collisions.span_rate(h), .collisions_truth = collisions_truth.span_rate(h)});
  report.count_kept_at_end = report.horizons.back().count_kept;

  // Diversity: frame 0 of every pair of seeds of one prompt.
  double diff_sum = 0.0;
  int64_t pairs = 0, distinct = 0;
  for (size_t i = 0; i < episodes.size(); ++i)
    for (size_t j = i + 1; j < episodes.size(); ++j) {
      if (episodes[i].prompt != episodes[j].prompt) continue;
      const double d = mean_abs_difference(*(*runs)[i].kept[0], *(*runs)[j].kept[0]);
      diff_sum += d, ++pairs, distinct += d > kDistinctMeanDiff;
    }
  report.diversity = pairs ? diff_sum / double(pairs) : 0.0;
  report.distinct_seed_pairs = fraction(distinct, pairs);
  runs->clear();

  // Steering: each event steered in at event_frame, checked over the next event_window frames,
  // beside the simulator given the same event from the same world.
  struct BeforeEvent {
    toyworld::WorldState world;      // the simulator's world just before the event frame
    std::vector<FrameProbe> recent;  // its last two frames
  };
  std::vector<BeforeEvent> before(episodes.size());
  for (size_t i = 0; i < episodes.size(); ++i) {
    BeforeEvent& b = before[i];
    b.world = toyworld::make_world(episodes[i].scene, episodes[i].seed, width_, height_);
    for (int32_t f = 0; f < p_.event_frame; ++f) {
      if (f > 0) toyworld::step_world(b.world, 1.0 / fps_);
      if (f >= p_.event_frame - 2) b.recent.push_back(toyworld::probe_frame(*truth_frame(b.world)));
    }
  }
  int64_t checkable = 0, obeyed = 0;
  for (const std::string& text : p_.events) {
    auto event = toyworld::parse_event(text);
    if (!event) return event.error();
    std::vector<model::RolloutParams> steered;
    for (const Episode& e : episodes)
      steered.push_back({.prompt_track = {{0, e.prompt}, {p_.event_frame, model::latent::prompt_with_event(e.prompt, text)}},
                         .seed = e.seed, .lookahead = 8});
    const int32_t frames = p_.event_frame + p_.event_window + 1;
    auto event_runs = roll("event \"" + text + "\"", steered, frames, 0);
    if (!event_runs) return event_runs.error();
    EventScore score{.text = text};
    double frames_sum = 0.0;
    for (size_t i = 0; i < episodes.size(); ++i) {
      // The model is judged against the world its prompt describes: the scene's forces and bodies.
      const std::span<const FrameProbe> seen((*event_runs)[i].probes);
      const EventCheck c = check_event(event->event, before[i].world, seen.subspan(size_t(p_.event_frame) - 2, 2),
                                       seen.subspan(size_t(p_.event_frame)), side, fps_);
      if (c.outcome != EventOutcome::NotCheckable) ++score.checkable;
      if (c.outcome == EventOutcome::Reflected) ++score.obeyed, frames_sum += c.frames_until;
      toyworld::WorldState world = before[i].world;
      toyworld::apply_event(world, event->event);
      std::vector<FrameProbe> after;
      for (int32_t k = 0; k <= p_.event_window; ++k) {
        toyworld::step_world(world, 1.0 / fps_);
        after.push_back(toyworld::probe_frame(*truth_frame(world)));
      }
      const EventCheck t = check_event(event->event, before[i].world, before[i].recent, after, side, fps_);
      if (t.outcome != EventOutcome::NotCheckable) ++score.truth_checkable;
      if (t.outcome == EventOutcome::Reflected) ++score.truth_obeyed;
    }
    score.mean_frames = score.obeyed ? frames_sum / score.obeyed : 0.0;
    checkable += score.checkable, obeyed += score.obeyed;
    report.events.push_back(score);
  }
  report.events_obeyed = fraction(obeyed, checkable);

  // PSNR against the simulator, started from the same true frame, beside copy-last-frame.
  if (info.accepts_start_image) {
    std::vector<model::RolloutParams> from_truth;
    std::vector<std::vector<FramePtr>> truths;
    for (const Episode& e : episodes) {
      toyworld::WorldState world = toyworld::make_world(e.scene, e.seed, width_, height_);
      std::vector<FramePtr> t{truth_frame(world)};
      for (int32_t f = 1; f <= kPsnrHorizon; ++f) toyworld::step_world(world, 1.0 / fps_), t.push_back(truth_frame(world));
      from_truth.push_back({.prompt_track = {{0, e.prompt}}, .seed = e.seed, .start_image = t[0], .lookahead = 8});
      truths.push_back(std::move(t));
    }
    auto psnr_runs = roll("psnr", from_truth, kPsnrHorizon + 1, kPsnrHorizon + 1);
    if (!psnr_runs) return psnr_runs.error();
    int64_t start_count = 0, start_colors = 0;
    for (size_t i = 0; i < episodes.size(); ++i) {
      const PromptMatch m = match_prompt(toyworld::probe_frame(*(*psnr_runs)[i].kept[0]), episodes[i].scene);
      start_count += m.count, start_colors += m.colors;
    }
    report.start_image_count = fraction(start_count, n), report.start_image_colors = fraction(start_colors, n);
    for (AtHorizon& h : report.horizons) {
      if (h.frame > kPsnrHorizon) continue;
      double model_db = 0.0, copy_db = 0.0;
      for (size_t i = 0; i < episodes.size(); ++i) {
        // Capped at 60 dB so that an exact frame does not make the mean infinite.
        model_db += std::min(60.0, psnr(*(*psnr_runs)[i].kept[size_t(h.frame)], *truths[i][size_t(h.frame)]));
        copy_db += std::min(60.0, psnr(*truths[i][0], *truths[i][size_t(h.frame)]));
      }
      h.psnr = model_db / double(n), h.psnr_copy_last = copy_db / double(n);
      if (h.frame == kPsnrHorizon) report.psnr_gain_at_32 = h.psnr - h.psnr_copy_last;
    }
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace

Result<EvalReport> evaluate(const std::shared_ptr<model::WorldModel>& model, const EvalParams& params,
                            const std::function<void(const EvalProgress&)>& progress) {
  if (!model) return Error{"eval: no model"};
  if (params.prompts.empty()) return Error{"eval: no prompts"};
  if (params.seeds_per_prompt < 1 || params.seeds_per_prompt > 64) return Error{"eval: seeds per prompt must be 1..64"};
  if (params.frames < 33 || params.frames > 100000) return Error{"eval: frames must be 33..100000"};
  if (params.event_frame < 2 || params.event_window < 2 || params.event_window > 120)
    return Error{"eval: the event frame must be ≥ 2 and the event window 2..120"};
  std::vector<Episode> episodes;
  for (const std::string& prompt : params.prompts) {
    auto parsed = toyworld::parse_scene(prompt);
    if (!parsed) return Error{"eval: prompt " + toyworld::quote_text(prompt) + ": " + parsed.error().message};
    if (!parsed->unknown_words.empty())
      return Error{"eval: prompt " + toyworld::quote_text(prompt) + " has words the toyworld language does not know"};
    for (int32_t k = 0; k < params.seeds_per_prompt; ++k)
      episodes.push_back({prompt, parsed->scene, params.seed + uint64_t(k)});
  }
  try {
    return Evaluator(model, params, progress).run(episodes);
  } catch (const std::exception& e) {
    return Error{std::string("eval: ") + e.what()};
  }
}

}  // namespace wv::eval
