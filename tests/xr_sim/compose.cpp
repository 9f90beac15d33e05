// Composition: what each eye of the simulated headset shows of a submitted frame, composed on
// the CPU from its layers in submission order (OpenXR 1.0 §10.5: each layer is drawn over the
// ones before it, blended by its alpha when XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT
// is set, straight alpha when XR_COMPOSITION_LAYER_UNPREMULTIPLIED_ALPHA_BIT is too), in linear
// light, over black. Each eye is the simulated headset's at the frame's display time.
//   projection: the view's image, scaled to the eye image (no reprojection: the application
//               located its views for this display time, so they are the eye's);
//   quad:       the released image on a quad of `size` at `pose` in `space`, front face (+Z)
//               only, nearest texel, for the eyes its eyeVisibility names.
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "runtime.h"

namespace wv::xr_sim {
namespace {

struct Rgb {
  float r = 0.0f, g = 0.0f, b = 0.0f;
};

// A layer's image as the compositor samples it: linear color and alpha, 0..1.
struct LayerImage {
  std::vector<uint8_t> rgba;
  uint32_t width = 0;
  bool srgb = true;
  XrRect2Di rect{};
  XrCompositionLayerFlags flags = 0;

  float channel(int32_t x, int32_t y, int c) const {
    const uint8_t byte = rgba[(size_t(rect.offset.y + y) * width + size_t(rect.offset.x + x)) * 4 + size_t(c)];
    const float v = float(byte) / 255.0f;
    if (c == 3 || !srgb) return v;
    return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
  }
  // Draws texel (x, y) of the sub-image over `dst`.
  void blend(int32_t x, int32_t y, Rgb& dst) const {
    const Rgb src{channel(x, y, 0), channel(x, y, 1), channel(x, y, 2)};
    if (!(flags & XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT)) {
      dst = src;
      return;
    }
    const float a = channel(x, y, 3);
    const float k = (flags & XR_COMPOSITION_LAYER_UNPREMULTIPLIED_ALPHA_BIT) ? a : 1.0f;
    dst = {src.r * k + dst.r * (1.0f - a), src.g * k + dst.g * (1.0f - a), src.b * k + dst.b * (1.0f - a)};
  }
};

bool load(const XrSwapchainSubImage& sub, XrCompositionLayerFlags flags, LayerImage& out) {
  const Swapchain* swapchain = lookup<Swapchain>(sub.swapchain);
  out.width = swapchain->info.width;
  out.srgb = swapchain->info.format == VK_FORMAT_R8G8B8A8_SRGB || swapchain->info.format == VK_FORMAT_B8G8R8A8_SRGB;
  out.rect = sub.imageRect;
  out.flags = flags;
  return read_image(*swapchain, *swapchain->released, out.rgba);
}

glm::vec3 vec(const XrVector3f& v) { return {v.x, v.y, v.z}; }
glm::quat quat(const XrQuaternionf& q) { return glm::quat(q.w, q.x, q.y, q.z); }

struct Eye {
  uint32_t view = 0;
  glm::vec3 position;     // in STAGE
  glm::quat orientation;  // T_stage_eye's rotation
  XrFovf fov{};
  uint32_t size = kRecommendedViewSize;

  // The ray through pixel (x, y)'s center, in STAGE (unnormalized).
  glm::vec3 ray(uint32_t x, uint32_t y) const {
    const float l = std::tan(fov.angleLeft), r = std::tan(fov.angleRight);
    const float u = std::tan(fov.angleUp), d = std::tan(fov.angleDown);
    const float tx = l + (float(x) + 0.5f) / float(size) * (r - l);
    const float ty = u - (float(y) + 0.5f) / float(size) * (u - d);
    return orientation * glm::vec3(tx, ty, -1.0f);
  }
};

void draw_projection(const Eye& eye, const XrCompositionLayerProjection& layer, std::vector<Rgb>& out, bool& ok) {
  LayerImage image;
  ok = ok && load(layer.views[eye.view].subImage, layer.layerFlags, image);
  if (!ok) return;
  for (uint32_t y = 0; y < eye.size; ++y)
    for (uint32_t x = 0; x < eye.size; ++x)
      image.blend(int32_t(x * uint32_t(image.rect.extent.width) / eye.size),
                  int32_t(y * uint32_t(image.rect.extent.height) / eye.size), out[size_t(y) * eye.size + x]);
}

void draw_quad(const Eye& eye, const XrCompositionLayerQuad& layer, XrTime time, std::vector<Rgb>& out, bool& ok) {
  if ((layer.eyeVisibility == XR_EYE_VISIBILITY_LEFT && eye.view != 0) ||
      (layer.eyeVisibility == XR_EYE_VISIBILITY_RIGHT && eye.view != 1))
    return;
  LayerImage image;
  ok = ok && load(layer.subImage, layer.layerFlags, image);
  if (!ok) return;
  // The eye in the quad's frame: the quad lies in its X-Y plane, centered, front toward +Z.
  const XrPosef T_stage_space = stage_from_space_pose(*lookup<Space>(layer.space), time);
  const glm::quat r_stage_quad = quat(T_stage_space.orientation) * quat(layer.pose.orientation);
  const glm::vec3 t_stage_quad = vec(T_stage_space.position) + quat(T_stage_space.orientation) * vec(layer.pose.position);
  const glm::quat r_quad_stage = glm::conjugate(r_stage_quad);
  const glm::vec3 origin = r_quad_stage * (eye.position - t_stage_quad);
  if (origin.z <= 0.0f) return;  // behind the quad: its back face is not drawn
  for (uint32_t y = 0; y < eye.size; ++y)
    for (uint32_t x = 0; x < eye.size; ++x) {
      const glm::vec3 d = r_quad_stage * eye.ray(x, y);
      if (d.z >= 0.0f) continue;  // parallel to the plane or away from it
      const glm::vec3 p = origin + d * (-origin.z / d.z);
      const float u = p.x / layer.size.width + 0.5f;
      const float v = 0.5f - p.y / layer.size.height;  // image row 0 is the quad's top
      if (u < 0.0f || u >= 1.0f || v < 0.0f || v >= 1.0f) continue;
      image.blend(int32_t(u * float(image.rect.extent.width)), int32_t(v * float(image.rect.extent.height)),
                  out[size_t(y) * eye.size + x]);
    }
}

uint8_t to_srgb_byte(float linear) {
  const float c = std::clamp(linear, 0.0f, 1.0f);
  const float s = c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
  return uint8_t(std::lround(s * 255.0f));
}

bool write_ppm(const std::string& path, const std::vector<Rgb>& pixels, uint32_t size) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return false;
  std::fprintf(file, "P6\n%u %u\n255\n", size, size);
  std::vector<uint8_t> bytes;
  bytes.reserve(pixels.size() * 3);
  for (const Rgb& p : pixels) {
    bytes.push_back(to_srgb_byte(p.r));
    bytes.push_back(to_srgb_byte(p.g));
    bytes.push_back(to_srgb_byte(p.b));
  }
  std::fwrite(bytes.data(), 1, bytes.size(), file);
  return std::fclose(file) == 0;
}

}  // namespace

bool capture_eyes(const Session& session, const XrFrameEndInfo& info) {
  const char* folder = std::getenv("WV_XR_SIM_CAPTURE");
  if (folder == nullptr || *folder == '\0' || info.layerCount == 0) return true;
  bool ok = true;
  for (uint32_t view = 0; view < kViewCount && ok; ++view) {
    const XrPosef T_stage_eye = stage_from_eye(session, view, info.displayTime);
    const Eye eye{view, vec(T_stage_eye.position), quat(T_stage_eye.orientation), eye_fov()};
    std::vector<Rgb> pixels(size_t(eye.size) * eye.size);
    for (uint32_t i = 0; i < info.layerCount && ok; ++i) {
      const XrCompositionLayerBaseHeader* layer = info.layers[i];
      if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION)
        draw_projection(eye, *reinterpret_cast<const XrCompositionLayerProjection*>(layer), pixels, ok);
      else if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD)
        draw_quad(eye, *reinterpret_cast<const XrCompositionLayerQuad*>(layer), info.displayTime, pixels, ok);
    }
    ok = ok && write_ppm(std::string(folder) + "/view" + std::to_string(view) + ".ppm", pixels, eye.size);
  }
  return ok;
}

}  // namespace wv::xr_sim
