#include "renderer/context.h"
#include "renderer/target.h"
#include "renderer/vk_check.h"

namespace wv::renderer {

Result<std::unique_ptr<ExternalImagesTarget>> ExternalImagesTarget::create(Context& ctx,
                                                                           std::vector<ExternalViewImages> views) {
  WV_ASSERT(!views.empty());
  std::unique_ptr<ExternalImagesTarget> target(new ExternalImagesTarget(ctx));
  for (ExternalViewImages& images : views) {
    WV_ASSERT(!images.images.empty() && images.extent.width > 0 && images.extent.height > 0);
    target->views_.push_back({std::move(images), {}, 0});
    View& view = target->views_.back();
    for (VkImage image : view.images.images) {
      VkImageViewCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
      info.image = image;
      info.viewType = VK_IMAGE_VIEW_TYPE_2D;
      info.format = view.images.format;
      info.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
      VkImageView image_view = VK_NULL_HANDLE;
      WV_VK_TRY(vkCreateImageView(ctx.device(), &info, nullptr, &image_view));
      view.image_views.push_back(image_view);
    }
  }
  return target;
}

ExternalImagesTarget::~ExternalImagesTarget() {
  for (auto view = views_.rbegin(); view != views_.rend(); ++view)
    for (auto it = view->image_views.rbegin(); it != view->image_views.rend(); ++it)
      vkDestroyImageView(ctx_.device(), *it, nullptr);
}

void ExternalImagesTarget::select(uint32_t view, uint32_t index) {
  WV_ASSERT(view < views_.size() && index < views_[view].image_views.size());
  views_[view].selected = index;
}

ViewImage ExternalImagesTarget::view_image(uint32_t view) const {
  WV_ASSERT(view < views_.size());
  const View& v = views_[view];
  return ViewImage{v.images.images[v.selected], v.image_views[v.selected], v.images.format, v.images.extent, v.images.transfer_src};
}

}  // namespace wv::renderer
