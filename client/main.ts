import './fonts.ts';
import './components/ct-app.ts';
