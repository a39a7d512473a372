/* Select2's Vietnamese messages for the admin's autocomplete fields, complete. The vi.js Django bundles has no
   errorLoading, so a search the server refused read "The results could not be loaded." in English. Same path and
   module name as Django's file, so staticfiles serves this one in its place. */
(function () {
  "use strict";
  if (!(window.jQuery && jQuery.fn && jQuery.fn.select2 && jQuery.fn.select2.amd)) {
    return;
  }
  jQuery.fn.select2.amd.define("select2/i18n/vi", [], function () {
    return {
      errorLoading: function () {
        return "Không tải được kết quả.";
      },
      inputTooLong: function (args) {
        return "Vui lòng xóa bớt " + (args.input.length - args.maximum) + " ký tự";
      },
      inputTooShort: function (args) {
        return "Vui lòng nhập thêm ít nhất " + (args.minimum - args.input.length) + " ký tự";
      },
      loadingMore: function () {
        return "Đang tải thêm kết quả…";
      },
      maximumSelected: function (args) {
        return "Chỉ được chọn tối đa " + args.maximum + " mục";
      },
      noResults: function () {
        return "Không tìm thấy kết quả";
      },
      searching: function () {
        return "Đang tìm…";
      },
      removeAllItems: function () {
        return "Bỏ tất cả các mục";
      },
      removeItem: function () {
        return "Bỏ mục này";
      },
      search: function () {
        return "Tìm kiếm";
      }
    };
  });
})();
