// Demo switches: the widget's layout, theme, stats period and language, changed live and kept in
// the URL (?layout=button&theme=dark&time-period=Last7Days&lang=ar) so a view can be linked to, and
// screenshotted. The page's own colours follow the widget's `theme` attribute in CSS (demo.css).
const widget = document.getElementById('widget');
const SWITCHES = {
  layout: { inline: 'Inline card', button: 'Popover button' },
  theme: { light: 'Light', dark: 'Dark', auto: 'System' },
  'time-period': { All: 'All time', MonthToDate: 'This month', LastMonth: 'Last month', Last30Days: 'Last 30 days', Last7Days: 'Last 7 days' },
  lang: { en: 'English', es: 'Español', fr: 'Français', de: 'Deutsch', 'pt-BR': 'Português (BR)', ja: '日本語', ar: 'العربية' },
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
