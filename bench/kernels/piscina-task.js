module.exports = ({ data, from, to }) => {
  for (let round = 0; round < 20; round++) for (let i = from; i < to; i++) data[i] = (data[i] + i) % 1000;
  return to - from;
};
