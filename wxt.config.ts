import { defineConfig } from 'wxt';
export default defineConfig({ srcDir: 'extension', modules: ['@wxt-dev/module-react'] });
