#include "renderer/context.h"
#include "renderer/gpu_memory.h"
#include "renderer/target.h"

namespace wv::renderer {

Result<std::unique_ptr<OffscreenTarget>> OffscreenTarget::create(Context& ctx, const OffscreenParams& params) {
  WV_ASSERT(params.width > 0 && params.height > 0 && params.view_count > 0);
  std::unique_ptr<OffscreenTarget> target(new OffscreenTarget(ctx));
  target->params_ = params;
  target->views_.resize(params.view_count);
  for (GpuImage& image : target->views_) {
    ImageDesc desc;
    desc.extent = {params.width, params.height};
    desc.format = params.format;
    desc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
    if (Status s = create_image(ctx, desc, image); !s) return s.error();
  }
  return target;
}

OffscreenTarget::~OffscreenTarget() {
  for (auto it = views_.rbegin(); it != views_.rend(); ++it) destroy_image(ctx_.device(), *it);
}

ViewImage OffscreenTarget::view_image(uint32_t view) const {
  WV_ASSERT(view < views_.size());
  return ViewImage{views_[view].image, views_[view].view, params_.format, {params_.width, params_.height}, true};
}

}  // namespace wv::renderer
