// Demo switches: the widget's layout, theme and language, changed live and kept in the URL
// (?layout=button&theme=dark&lang=ar) so a view can be linked to, and screenshotted. The page's
// own colours follow the widget's `theme` attribute in CSS (demo.css), so nothing more is needed here.
const widget = document.getElementById('widget');
const SWITCHES = {
  layout: { inline: 'Inline card', button: 'Popover button' },
  theme: { light: 'Light', dark: 'Dark', auto: 'System' },
  lang: { en: 'English', es: 'Español', fr: 'Français', de: 'Deutsch', 'pt-BR': 'Português (Brasil)', ja: '日本語', ar: 'العربية' },
};
const params = new URLSearchParams(location.search);

for (const [name, options] of Object.entries(SWITCHES)) {
  const select = document.getElementById(`switch-${name}`);
  for (const [value, label] of Object.entries(options)) {
    const option = new Option(label, value);
    if (name === 'lang') option.lang = value; // each language's name read in that language
    select.add(option);
  }
  const wanted = params.get(name);
  select.value = Object.hasOwn(options, wanted ?? '') ? wanted : Object.keys(options)[0];
  widget.setAttribute(name, select.value);
  select.addEventListener('change', () => {
    widget.setAttribute(name, select.value);
    const url = new URL(location.href);
    url.searchParams.set(name, select.value);
    history.replaceState(null, '', url);
  });
}
