// Submit the language form as soon as a language is picked; the button stays for keyboard and no-JS users.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select.js-autosubmit").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });
});
