// babel-plugin-istanbul ships no types; the bench only hands it to Babel.
declare module 'babel-plugin-istanbul';
