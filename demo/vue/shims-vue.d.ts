declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<{ endpoint: string; token: string }>;
  export default component;
}
