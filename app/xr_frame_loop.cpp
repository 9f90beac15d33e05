#include "app/xr_frame_loop.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <thread>

#include "app/pointer_rays.h"
#include "app/xr_input.h"
#include "wv/log.h"
#include "xr/projection_layer.h"

namespace wv::app {
namespace {

constexpr float kNear_m = 0.05f;
constexpr float kFar_m = 200.0f;

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

renderer::View eye_view(const XrView& view) {
  const XrQuaternionf& q = view.pose.orientation;
  const wv::Pose T_world_eye{{view.pose.position.x, view.pose.position.y, view.pose.position.z},
                             glm::quat(q.w, q.x, q.y, q.z)};
  return {glm::inverse(T_world_eye.matrix()),
          renderer::perspective_vk_fov(std::tan(view.fov.angleLeft), std::tan(view.fov.angleRight),
                                       std::tan(view.fov.angleDown), std::tan(view.fov.angleUp), kNear_m, kFar_m)};
}

}  // namespace

XrFrameLoop::XrFrameLoop(xr::Headset& headset, renderer::Context& ctx, renderer::Renderer& renderer,
                         PanelPlayer& player, UiLayer* ui, PanelRecordings* recordings)
    : headset_(headset), ctx_(ctx), renderer_(renderer), player_(player), ui_(ui), recordings_(recordings) {}

XrFrameLoop::~XrFrameLoop() {
  deliver_view_capture();
  if (Status s = renderer_.wait_idle(); !s) log_warn(s.error().message);
}

void XrFrameLoop::deliver_view_capture() {
  if (!view_capture_.pending) return;
  view_capture_.pending = false;
  auto image = renderer_.read_capture(view_capture_.id);
  if (image) recordings_->add_view_frame(*image, view_capture_.t_s);
  else log_error("xr: the view recording lost a frame: " + image.error().message);
}

void XrFrameLoop::request_exit() {
  exit_requested_ = true;
  headset_.request_exit();
}

Result<bool> XrFrameLoop::step() {
  if (Status s = headset_.poll_events(); !s) return s.error();
  if (headset_.exiting()) return false;
  if (headset_.session_lost()) {
    // The lost session's swapchain images die with it: the GPU must be done with them first.
    if (Status s = renderer_.wait_idle(); !s) return s.error();
    target_.reset();
    if (quads_) quads_->reset();
    if (Status s = headset_.recreate_session(); !s) return s.error();
    if (headset_.session_lost()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return true;
  }
  if (!headset_.running()) {
    // IDLE or waiting for READY: nothing to show; events arrive within a few milliseconds.
    if (exit_requested_ && headset_.state() != XR_SESSION_STATE_STOPPING) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return true;
  }
  if (Status s = frame(); !s) return s.error();
  return true;
}

uint64_t XrFrameLoop::waits() const { return renderer_.stats().fence_waits + (quads_ ? quads_->waits() : 0); }

Status XrFrameLoop::frame() {
  const double cpu_start = thread_cpu_s();
  const uint64_t waits_before = waits();
  auto frame = headset_.begin_frame();
  if (!frame) return frame.error();
  if (headset_.session_lost()) return Status::success();
  if (first_display_time_ == 0) first_display_time_ = frame->display_time;
  const double previous_s = display_time_s_;
  display_time_s_ = double(frame->display_time - first_display_time_) * 1e-9;
  if (Status s = interact(display_time_s_ - previous_s, frame->display_time); !s) return s;
  if (headset_.session_lost()) return Status::success();  // xrSyncActions said so

  xr::ProjectionLayer projection;
  layers_.clear();
  if (frame->should_render && frame->views_tracked) {
    if (Status s = render(*frame); !s) return s;
    if (headset_.session_lost()) return Status::success();
    xr::Session& session = headset_.session();
    const XrVector3f& left = frame->views[0].pose.position;
    const XrVector3f& right = frame->views[1].pose.position;
    const glm::vec3 head_world = 0.5f * glm::vec3(left.x + right.x, left.y + right.y, left.z + right.z);
    // Quads first (painter's order): the projection layer goes over them and shows them
    // through its holes.
    for (const XrCompositionLayerBaseHeader* quad : quads_->layers(session.world_space(), player_, head_world))
      layers_.push_back(quad);
    projection.fill(session, *frame, !layers_.empty());
    layers_.push_back(projection.header());
  }
  {
    // xrEndFrame may use the graphics queue (XR_KHR_vulkan_enable2): the Context's rule.
    std::lock_guard lock(ctx_.queue_mutex());
    if (Status s = headset_.end_frame(*frame, layers_); !s) return s;
  }
  ++stats_.frames_ended;
  stats_.frames_rendered += layers_.empty() ? 0 : 1;
  stats_.sessions = headset_.sessions_created();
  stats_.last_frame_cpu_s = thread_cpu_s() - cpu_start;
  stats_.frames_waited += waits() > waits_before ? 1 : 0;
  return Status::success();
}

Status XrFrameLoop::interact(double dt_s, XrTime time) {
  auto controllers = headset_.read_controllers(time);
  if (!controllers) return controllers.error();
  const PointerInput input = pointer_input(*controllers);
  // The console takes the rays that meet it first; no physical keyboard here (its own instead).
  const PointerInput scene = ui_ ? ui_->update(input, UiKeyboard{}, panel_shapes(player_), selected_, dt_s, display_time_s_) : input;
  const InteractionEffects fx = interaction_.update(scene, player_, dt_s, display_time_s_);
  selected_ = fx.selected;
  InteractionEffects ray_ends = fx;  // a ray on the console ends there, lit as on a panel
  for (size_t hand = 0; ui_ && hand < ray_ends.hovered.size(); ++hand) {
    if (!ui_->routing().ui_hovered[hand]) continue;
    ray_ends.hovered[hand] = ui_->routing().ui_hovered[hand];
    ray_ends.hit_distance_m[hand] = ui_->routing().ui_hit_distance_m[hand];
  }
  pointer_rays(input, ray_ends, rays_);
  for (size_t hand = 0; hand < fx.haptic.size(); ++hand)
    if (fx.haptic[hand]) headset_.pulse(hand);
  if (fx.menu) {
    // Menu recenters for now: the world turns to face where the user stands and looks.
    if (Status s = headset_.session().recenter(time); !s) log_warn(s.error().message);
  }
  return Status::success();
}

Status XrFrameLoop::ensure_target() {
  if (!quads_) {
    auto quads = XrQuadPanels::create(ctx_, renderer_);
    if (!quads) return quads.error();
    quads_ = std::move(*quads);
  }
  if (target_ && target_session_ == headset_.sessions_created()) return Status::success();
  xr::Session& session = headset_.session();
  std::vector<renderer::ExternalViewImages> views;
  for (uint32_t v = 0; v < session.view_count(); ++v) {
    const xr::Swapchain& swapchain = session.view_swapchain(v);
    views.push_back({swapchain.images(), VkFormat(swapchain.params().format),
                     {swapchain.params().width, swapchain.params().height},
                     (swapchain.params().usage & XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT) != 0});
  }
  auto target = renderer::ExternalImagesTarget::create(ctx_, std::move(views));
  if (!target) return target.error();
  target_ = std::move(*target);
  target_session_ = headset_.sessions_created();
  if (recordings_)
    recordings_->set_view_format({int32_t(session.view_swapchain(0).params().width),
                                  int32_t(session.view_swapchain(0).params().height), kLiveViewFps});
  return Status::success();
}

Status XrFrameLoop::render(const xr::FrameViews& frame) {
  if (Status s = ensure_target(); !s) return s;
  player_.show_latest(display_time_s_);
  if (Status s = quads_->update(headset_, player_); !s) return s;
  if (headset_.session_lost()) return Status::success();
  xr::Session& session = headset_.session();
  const uint32_t view_count = session.view_count();
  for (uint32_t v = 0; v < view_count; ++v) {
    uint32_t index = 0;
    if (Status s = headset_.handle_result("xrAcquireSwapchainImage", session.view_swapchain(v).acquire(index)); !s)
      return s;
    if (headset_.session_lost()) return Status::success();
    target_->select(v, index);
  }
  const renderer::View views[2] = {eye_view(frame.views[0]), eye_view(frame.views[1])};
  const bool record_view = recordings_ && recordings_->view_due(display_time_s_);
  auto rendered =
      renderer_.render(*target_, {views, view_count}, ui_ ? ui_->draws(player_.draws()) : player_.draws(),
                       renderer::Environment{}, {.capture_view = record_view ? 0 : -1, .rays = rays_});
  if (!rendered) return rendered.error();
  deliver_view_capture();
  if (record_view) view_capture_ = {true, *rendered, display_time_s_};
  for (uint32_t v = 0; v < view_count; ++v) {
    std::lock_guard lock(ctx_.queue_mutex());
    if (Status s = headset_.handle_result("xrReleaseSwapchainImage", session.view_swapchain(v).release()); !s)
      return s;
  }
  return Status::success();
}

}  // namespace wv::app
